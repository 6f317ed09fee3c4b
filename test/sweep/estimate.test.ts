import { describe, expect, it } from "vitest";
import { InputError } from "../../src/common/errors.js";
import { loadModelSpec, loadTargetSpec } from "../../src/load/load.js";
import {
  checkEstimate,
  costOf,
  describeEstimate,
  estimateSweep,
  MAX_ESTIMATED_SECONDS,
} from "../../src/sweep/estimate.js";
import type { SweepInputs } from "../../src/sweep/run.js";
import { parseSpace } from "../../src/sweep/space.js";

const base = {
  modelSpec: loadModelSpec("models/smolvla.yaml"),
  targetSpec: loadTargetSpec("hardware/xattn-unit.yaml"),
  sets: { model: [], target: [] },
  tie: [],
};
const inputs = (vary: string[], maxPoints?: number): SweepInputs => ({
  ...base,
  vary,
  ...(maxPoints !== undefined && { maxPoints }),
});

/** A clock that advances 8 ms per reading: every measured run then takes 8 ms, whatever the machine. */
function fakeClock(): () => number {
  let t = 0;
  return () => (t += 8);
}

describe("a sweep's cost, estimated before it starts", () => {
  it("counts one graph per model-parameter combination and scales the measured times", () => {
    const e = estimateSweep(inputs(["cameras=1:1000:1", "clock_mhz=100,200"], 1e6), fakeClock());
    expect(e).toMatchObject({ points: 2000, graphs: 1000, secondsPerGraph: 0.008, secondsPerPoint: 0.008 / 64 });
    expect(e.seconds).toBeCloseTo(1000 * 0.008 + 2000 * (0.008 / 64 + 25e-6), 9);
    // Target fields alone need the one graph.
    expect(estimateSweep(inputs(["clock_mhz=1:1000:1"]), fakeClock()).graphs).toBe(1);
  });

  it("builds a slow model once: a first build past 50 ms is its own measurement (a 50,000-layer model is not rebuilt three times to be timed)", () => {
    let readings = 0;
    let t = 0;
    const slowClock = () => {
      readings++;
      return (t += 80);
    };
    const e = estimateSweep(inputs(["cameras=1:1000:1"], 1e6), slowClock);
    expect(e.secondsPerGraph).toBe(0.08);
    // Two readings around the one build, two around each of the 5 point batches: no graph runs beyond the first.
    expect(readings).toBe(2 + 2 * 5);
    readings = 0;
    estimateSweep(inputs(["cameras=1:1000:1"], 1e6), () => (readings++, (t += 8)));
    expect(readings).toBe(2 + 2 * 3 + 2 * 5);
  });

  it("measures the first point's model when the file's own values are valid only with the varied ones", () => {
    const zero = loadModelSpec("models/smolvla.yaml");
    const spec = {
      ...zero,
      file: {
        ...zero.file,
        components: zero.file.components.map((c, i) => (i === 0 ? { ...c, params: { ...c.params, layers: 0 } } : c)),
      },
    };
    const e = estimateSweep({ ...inputs(["vision_encoder.layers=1,2"]), modelSpec: spec }, fakeClock());
    expect(e).toMatchObject({ points: 2, graphs: 2, secondsPerGraph: 0.008 });
  });

  it("refuses a sweep estimated past the limit unless the user consented, saying how long and why", () => {
    const long = costOf(100_000, 100_000, 0.004, 0.00004);
    expect(long.seconds).toBeGreaterThan(MAX_ESTIMATED_SECONDS);
    expect(() => checkEstimate(long, false)).toThrow(InputError);
    expect(() => checkEstimate(long, false)).toThrow(
      "the sweep would take about 7 minutes (100,000 graphs × 4 ms + 100,000 points × 0.065 ms) on this machine; give --yes to run it anyway",
    );
    expect(() => checkEstimate(long, true)).not.toThrow();
    expect(() => checkEstimate(costOf(100_000, 1, 0.004, 0.00004), false)).not.toThrow();
    expect(describeEstimate(costOf(10, 1, 0.5, 0.001))).toBe("about 1 s (1 graph × 500 ms + 10 points × 1 ms)");
  });

  it("caps the space whatever --max-points says, without allocating it (--max-points 1e12 once crashed)", () => {
    const known = { model: ["cameras"] };
    expect(() => parseSpace(["clock_mhz=1:1000000:1", "mac_array.rows=1:1000000:1"], [], known, 1e12)).toThrow(
      "the sweep has 1,000,000,000,000 points (1000000 × 1000000), more than the 2,000,000 a sweep may have whatever --max-points says",
    );
    expect(() => parseSpace(["clock_mhz=1:3000000:1"], [], known, 1e12)).toThrow(
      "gives 3,000,000 values, more than the limit of 2,000,000 points (the most a sweep may have)",
    );
  });
});
