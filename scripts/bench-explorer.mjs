// The explorer's re-evaluation time in a real browser: 50 moves of a slider, each timed by the page itself
// (evaluate: the engine; update: engine + redraw of numbers, charts and tables), median and 90th percentile.
// `npm run bench:explorer`; needs Chromium (CHROMIUM_PATH, default /usr/bin/chromium). Not a test: a busy
// machine makes it slower, which is why the browser test only guards against a pathological slowdown.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const MOVES = 50;
const CASES = [
  {
    label: "SmolVLA on xattn-unit, mac_array.rows slider",
    args: ["-t", "hardware/xattn-unit.yaml"],
    slider: "mac_array.rows",
  },
  {
    label: "SmolVLA on xattn-unit, cameras slider (1 to 16 cameras)",
    args: ["-t", "hardware/xattn-unit.yaml"],
    slider: "cameras",
  },
  {
    label: "SmolVLA on orin-plus-xattn (system), units.xattn.mac_array.rows slider",
    args: ["--system", "hardware/systems/orin-plus-xattn.yaml"],
    slider: "units.xattn.mac_array.rows",
  },
];

const work = mkdtempSync(join(tmpdir(), "bench-explorer-"));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

try {
  for (const [i, c] of CASES.entries()) {
    const file = join(work, `explorer-${i}.html`);
    execFileSync(process.execPath, ["dist/cli/bin.js", "explore", "-m", "models/smolvla.yaml", ...c.args, "-o", file]);
    const tab = await browser.newPage();
    await tab.goto(pathToFileURL(file).href);
    await tab.waitForFunction(() => Number(document.getElementById("timing")?.dataset.count) >= 1);
    const samples = await tab.evaluate(
      async ({ slider, moves }) => {
        const el = document.querySelector(`input.slide[data-for="${CSS.escape(slider)}"]`);
        const timing = document.getElementById("timing");
        const out = [];
        for (let m = 0; m < moves; m++) {
          el.value = String(30 + (m % 40));
          el.dispatchEvent(new Event("input", { bubbles: true }));
          // The page evaluates and redraws in the next animation frame, which then paints the result.
          await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
          out.push({ evaluate: Number(timing.dataset.evaluateMs), update: Number(timing.dataset.updateMs) });
        }
        return out;
      },
      { slider: c.slider, moves: MOVES },
    );
    await tab.close();
    const stat = (key) => {
      const sorted = samples.map((s) => s[key]).sort((a, b) => a - b);
      return `${quantile(sorted, 0.5).toFixed(1)} ms (p90 ${quantile(sorted, 0.9).toFixed(1)})`;
    };
    console.log(`${c.label}\n  evaluate ${stat("evaluate")} · evaluate + redraw ${stat("update")}`);
  }
} finally {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}
