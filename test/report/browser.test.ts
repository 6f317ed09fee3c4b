/**
 * The generated index.html in a real browser: Debian's Chromium (installed by .ci/run) driven by playwright-core.
 * One launch for the whole file; each width is a fresh page so console messages and requests are its own.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, launchChromium } from "../chromium.js";
import { runCli } from "../cli/run.js";
import { MODEL, TARGETS } from "./report-helpers.js";

const hasBrowser = hasChromium("browser test");
// Screenshots for a person to look at: set REPORT_SCREENSHOTS=<folder>.
const SCREENSHOTS = process.env.REPORT_SCREENSHOTS;

/** A screenful at a time, down the page, so each shot can be read at its real size. */
async function screenshots(tab: Page, name: string): Promise<void> {
  const height = await tab.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0, i = 0; y < height; y += 900, i++) {
    await tab.evaluate((top) => window.scrollTo(0, top), y);
    await tab.screenshot({ path: join(SCREENSHOTS!, `${name}-${String(i).padStart(2, "0")}.png`) });
  }
}

describe.skipIf(!hasBrowser)("index.html in headless Chromium", () => {
  let work: string;
  const pages = new Map<string, string>();
  let browser: Browser;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "report-browser-"));
    const out = join(work, "report");
    const r = await runCli(["report", "-m", MODEL, ...TARGETS.flatMap((t) => ["-t", t]), "-o", out]);
    expect(r.stderr).toBe("");
    pages.set("report", pathToFileURL(join(out, "index.html")).href);
    const sweep = join(work, "sweep");
    const s = await runCli([
      "sweep",
      "-m",
      MODEL,
      "-t",
      TARGETS[0]!,
      "--vary",
      "mac_array.rows=8,32",
      "--vary",
      "clock_mhz=300,600",
      "-o",
      sweep,
    ]);
    expect(s.stderr).toBe("");
    pages.set("sweep", pathToFileURL(join(sweep, "index.html")).href);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it.each([
    ["report", 1400],
    ["report", 420],
    ["sweep", 1400],
    ["sweep", 420],
  ] as const)(
    "%s at %i px: no horizontal overflow, no console errors, no requests, every chart loaded",
    async (name, width) => {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const tab = await context.newPage();
      const errors: string[] = [];
      const requests: string[] = [];
      tab.on("console", (m) => {
        if (m.type() === "error" || m.type() === "warning") errors.push(m.text());
      });
      tab.on("pageerror", (e) => errors.push(e.message));
      tab.on("request", (r) => {
        if (!/^(file|data):/.test(r.url())) requests.push(r.url());
      });
      await tab.goto(pages.get(name)!, { waitUntil: "load" });
      const layout = await tab.evaluate(() => {
        const doc = document.documentElement;
        // Elements wider than the viewport that are not inside a scrolling box of their own.
        const clipped = [...document.body.querySelectorAll("*")]
          .filter(
            (el) =>
              el.getBoundingClientRect().right > doc.clientWidth + 1 && el.closest(".scroll, pre, figure") === null,
          )
          .map((el) => `${el.tagName.toLowerCase()}: ${(el.textContent ?? "").slice(0, 40)}`);
        const images = [...document.images].map((img) => ({
          alt: img.alt,
          loaded: img.complete && img.naturalWidth > 0,
          natural: img.naturalWidth,
          shown: img.getBoundingClientRect().width,
        }));
        // Tables wider than their box scroll inside it: allowed on a phone, never on a wide screen.
        const scrolling = [...document.querySelectorAll(".scroll, figure")].filter(
          (box) => box.scrollWidth > box.clientWidth + 1,
        ).length;
        // Charts are drawn for the width: no figure scrolls sideways, on a phone either.
        const figuresScrolling = [...document.querySelectorAll("figure")].filter(
          (box) => box.scrollWidth > box.clientWidth + 1,
        ).length;
        return {
          scrollWidth: doc.scrollWidth,
          clientWidth: doc.clientWidth,
          clipped,
          scrolling,
          figuresScrolling,
          images,
          fontPx: parseFloat(getComputedStyle(document.body).fontSize),
        };
      });
      if (SCREENSHOTS !== undefined) await screenshots(tab, `${name}-${width}`);
      await context.close();

      expect(layout.scrollWidth).toBeLessThanOrEqual(layout.clientWidth);
      expect(layout.clipped).toEqual([]);
      if (width >= 1400) expect(layout.scrolling).toBe(0);
      expect(layout.figuresScrolling).toBe(0);
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      expect(layout.images.length).toBeGreaterThanOrEqual(name === "report" ? 13 : 3);
      for (const img of layout.images) {
        expect(img.loaded, img.alt).toBe(true);
        // Charts label at 14 px or more (chart-canvas.ts, fontSizes: 16 px × 0.85 at the least): shown at 0.72 of
        // their size or more, text stays ≥ 10 px. A phone gets the chart drawn 480 px wide (NARROW_WIDTH).
        expect(img.shown / img.natural, img.alt).toBeGreaterThanOrEqual(10 / 14);
        if (width >= 1400) expect(img.shown, img.alt).toBe(Math.min(img.natural, 1000));
        else expect(img.natural, img.alt).toBe(480);
      }
      expect(layout.fontPx).toBeGreaterThanOrEqual(14);
    },
  );
});
