import { createRequire } from "node:module";

/**
 * Chart.js and the @napi-rs/canvas native add-on, loaded when the first chart is drawn. Views that can draw
 * charts (sweep, report) import the chart modules, but a run that draws none — `sweep` without `-o`, every
 * test of the tables — then never pays for them (~60 ms, a native library among it).
 */
export interface ChartEngine {
  readonly Chart: typeof import("chart.js").Chart;
  readonly createCanvas: typeof import("@napi-rs/canvas").createCanvas;
  readonly GlobalFonts: typeof import("@napi-rs/canvas").GlobalFonts;
}

const require = createRequire(import.meta.url);
let engine: ChartEngine | undefined;

export function chartEngine(): ChartEngine {
  if (engine === undefined) {
    const { Chart, registerables } = require("chart.js") as typeof import("chart.js");
    Chart.register(...registerables);
    const { createCanvas, GlobalFonts } = require("@napi-rs/canvas") as typeof import("@napi-rs/canvas");
    engine = { Chart, createCanvas, GlobalFonts };
  }
  return engine;
}
