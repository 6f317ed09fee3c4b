/**
 * explorer.html in a real browser (Debian's Chromium, as the report's browser test): opened from file://, it
 * re-simulates as its controls change and shows what `simulate` prints for the same settings, with no
 * network request. One launch for the file; skipped, with a warning, where Chromium is not installed.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, launchChromium } from "../chromium.js";
import { runCli } from "../cli/run.js";

const hasBrowser = hasChromium("explorer browser test");

const MODEL = "models/smolvla.yaml";
const TARGET = "hardware/xattn-unit.yaml";
const SYSTEM = "hardware/systems/orin-plus-xattn.yaml";

async function simulateJson(args: readonly string[]): Promise<{ latencyMs: number; periodMs?: number }> {
  const r = await runCli(["simulate", "-m", MODEL, ...args, "--format", "json"]);
  expect(r.stderr).toBe("");
  return JSON.parse(r.stdout) as { latencyMs: number };
}

/** The page after its next evaluation: how many it has done is in #timing's data-count. */
async function evaluations(tab: Page): Promise<number> {
  return Number(await tab.locator("#timing").getAttribute("data-count"));
}

async function change(tab: Page, name: string, value: string): Promise<void> {
  const before = await evaluations(tab);
  await tab.fill(`[name="${name}"]`, value);
  await tab.waitForFunction((n) => Number(document.getElementById("timing")!.dataset.count) > n, before);
}

const metric = (tab: Page, name: string) => tab.locator(`[data-metric="${name}"]`);

describe.skipIf(!hasBrowser)("explorer.html in headless Chromium", () => {
  let work: string;
  let browser: Browser;
  const requests: string[] = [];
  const errors: string[] = [];

  async function open(file: string, hash = ""): Promise<Page> {
    const tab = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    tab.on("request", (r) => {
      if (!/^(file|data):/.test(r.url())) requests.push(r.url());
    });
    tab.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") errors.push(m.text());
    });
    tab.on("pageerror", (e) => errors.push(e.message));
    await tab.goto(`${pathToFileURL(join(work, file)).href}${hash}`);
    await tab.waitForFunction(() => Number(document.getElementById("timing")?.dataset.count) >= 1);
    return tab;
  }

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "explore-browser-"));
    for (const [file, args] of [
      ["target.html", ["-t", TARGET]],
      ["system.html", ["--system", SYSTEM]],
    ] as const) {
      const r = await runCli(["explore", "-m", MODEL, ...args, "-o", join(work, file)]);
      expect(r.stderr).toBe("");
    }
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(work, { recursive: true, force: true });
    // Every page of the file, every change: nothing fetched, nothing logged.
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("a 32×32 array: latencyMs is what simulate --set mac_array.rows=32 --set mac_array.cols=32 prints", async () => {
    const tab = await open("target.html");
    expect(await metric(tab, "latencyMs").textContent()).toBe(
      (await simulateJson(["-t", TARGET])).latencyMs.toFixed(3),
    );
    await change(tab, "mac_array.rows", "32");
    await change(tab, "mac_array.cols", "32");
    const cli = await simulateJson(["-t", TARGET, "--set", "mac_array.rows=32", "--set", "mac_array.cols=32"]);
    expect(await metric(tab, "latencyMs").textContent()).toBe(cli.latencyMs.toFixed(3));
    expect(Number(await metric(tab, "latencyMs").getAttribute("data-value"))).toBe(cli.latencyMs);
    expect(await tab.locator("#cli").textContent()).toBe(
      `npx accel-sizer simulate -m ${MODEL} -t ${TARGET} --set mac_array.rows=32 --set mac_array.cols=32`,
    );
    for (const name of ["periodMs", "energyMj", "areaMm2", "macUtilization"])
      expect(await metric(tab, name).textContent()).toMatch(/^\d+\.\d+$/);

    // The link holds the design: a new page opened on it shows the same result.
    const shared = await open("target.html", new URL(tab.url()).hash);
    expect(await metric(shared, "latencyMs").textContent()).toBe(cli.latencyMs.toFixed(3));
    expect(await shared.inputValue('[name="mac_array.cols"]')).toBe("32");
    await shared.close();
    await tab.close();
  });

  it("a refused value shows the CLI's message beside its control and keeps the last result", async () => {
    const tab = await open("target.html");
    const before = await metric(tab, "latencyMs").textContent();
    await change(tab, "mac_array.rows", "0");
    const cli = await runCli(["simulate", "-m", MODEL, "-t", TARGET, "--set", "mac_array.rows=0"]);
    expect(`error: ${await tab.locator('.problem[data-for="mac_array.rows"]').textContent()}\n`).toBe(cli.stderr);
    expect(await metric(tab, "latencyMs").textContent()).toBe(before);
    await change(tab, "mac_array.rows", "16");
    expect(await tab.locator('.problem[data-for="mac_array.rows"]').textContent()).toBe("");
    await tab.close();
  });

  it("a system: a unit's field and the control loop, as simulate --system prints them", async () => {
    const tab = await open("system.html");
    await change(tab, "units.xattn.mac_array.rows", "32");
    await change(tab, "--control-hz", "50");
    const cli = await simulateJson([
      "--system",
      SYSTEM,
      "--set",
      "units.xattn.mac_array.rows=32",
      "--control-hz",
      "50",
    ]);
    expect(await metric(tab, "latencyMs").textContent()).toBe(cli.latencyMs.toFixed(3));
    expect(await metric(tab, "periodMs").textContent()).toBe(cli.periodMs!.toFixed(3));
    expect(await tab.locator("#verdict").textContent()).toMatch(/^Control loop: (holds|misses) 50 Hz/);
    await tab.close();
  });

  it("a slider move re-evaluates and redraws well within 250 ms (a guard against a pathological slowdown)", async () => {
    const tab = await open("target.html");
    const times: number[] = [];
    for (let i = 0; i < 10; i++) {
      const before = await evaluations(tab);
      await tab.locator('input.slide[data-for="mac_array.rows"]').fill(String(40 + i * 2));
      await tab.waitForFunction((n) => Number(document.getElementById("timing")!.dataset.count) > n, before);
      times.push(Number(await tab.locator("#timing").getAttribute("data-update-ms")));
    }
    times.sort((a, b) => a - b);
    expect(times[5]).toBeLessThan(250);
    await tab.close();
  });
});
