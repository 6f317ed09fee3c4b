import { describe, expect, it } from "vitest";
import { InputError } from "../../src/common/errors.js";
import { controlOptionsOf } from "../../src/load/control-options.js";
import type { Graph } from "../../src/graph/types.js";

const graph = { model: "m", chunkActions: 50, components: [], ops: [] } as Graph;
const options = (more: { controlHz?: string; chunk?: string; horizon?: string; mode?: "sync" | "async" }) => ({
  ...more,
});

describe("control-loop flags", () => {
  it("take a rate and whole numbers of actions within physical bounds", () => {
    expect(controlOptionsOf(options({ controlHz: "50" }), graph)).toEqual({
      hz: 50,
      chunk: 50,
      horizon: 25,
      mode: "async",
    });
    expect(controlOptionsOf(options({ controlHz: "0.001", chunk: "1000000", horizon: "1" }), graph)).toEqual({
      hz: 0.001,
      chunk: 1e6,
      horizon: 1,
      mode: "async",
    });
  });

  it.each([
    // Each once printed "margin n/a", a rate of 1e+304 Hz, or a silently rounded chunk.
    [{ controlHz: "1e-320" }, "--control-hz 1e-320: expected a rate in Hz from 0.001 to 1,000,000"],
    [{ controlHz: "2e6" }, "--control-hz 2e6: expected a rate in Hz from 0.001 to 1,000,000"],
    [{ controlHz: "50", chunk: "1e300" }, "--chunk 1e300: expected a whole number of actions from 1 to 1,000,000"],
    [
      { controlHz: "50", chunk: "9007199254740993" },
      "--chunk 9007199254740993: expected a whole number of actions from 1 to 1,000,000",
    ],
    [
      { controlHz: "50", horizon: "2000000" },
      "--horizon 2000000: expected a whole number of actions from 1 to 1,000,000",
    ],
    [{ controlHz: "0" }, "--control-hz 0: expected a positive number"],
    // Number() reads these as 16 and 5: decimal only.
    [{ controlHz: "0x10" }, "--control-hz 0x10: expected a positive number"],
    [{ controlHz: "50", chunk: "0b101" }, "--chunk 0b101: expected a positive whole number"],
    // --mode alone was ignored while --chunk alone was refused.
    [{ mode: "sync" as const }, "--mode describes the control loop: give --control-hz <hz> with it"],
  ])("%j is refused", (flags, message) => {
    expect(() => controlOptionsOf(options(flags), graph)).toThrow(InputError);
    expect(() => controlOptionsOf(options(flags), graph)).toThrow(message);
  });
});
