import { describe, expect, it } from "vitest";
import { budgetOf } from "../../src/cli/commands/size.js";
import { InputError } from "../../src/common/errors.js";
import { runCli } from "./run.js";

describe("the budget", () => {
  it("is --budget-ms, or 1000 / --rate-hz", () => {
    expect(budgetOf({ budgetMs: "250" })).toBe(250);
    expect(budgetOf({ rateHz: "4" })).toBe(250);
  });

  it.each([
    [{}, "give exactly one of --budget-ms"],
    [{ budgetMs: "1", rateHz: "1" }, "give exactly one of --budget-ms"],
    [{ budgetMs: "0" }, "--budget-ms 0: expected a positive number"],
    [{ rateHz: "fast" }, "--rate-hz fast: expected a positive number"],
    [{ rateHz: "" }, "--rate-hz : expected a positive number"],
    // 1e15 ms printed a latency of budget − margin, off in its last digits; 1e308 printed 0.000 ms.
    [{ budgetMs: "1e15" }, "--budget-ms 1e15: expected at most 1e+9 ms (11.6 days per inference)"],
    [{ rateHz: "1e-9" }, "--rate-hz 1e-9: gives a budget of 1.000e+12 ms; expected at most 1e+9 ms"],
  ])("%j is refused", (options, message) => {
    expect(() => budgetOf(options)).toThrow(InputError);
    expect(() => budgetOf(options)).toThrow(message);
  });
});

describe("size --unit", () => {
  it.each([
    [["--period-ms", "2000"], "--period-ms"],
    [["--rate-hz", "1"], "--rate-hz"],
    [["--control-hz", "50"], "--control-hz"],
  ])(
    "with %j is refused, not ignored (it budgets a unit's busy time, given with --budget-ms)",
    async (budget, flag) => {
      const run = await runCli([
        "size",
        "-m",
        "models/smolvla.yaml",
        "-S",
        "orin-plus-xattn",
        "--vary",
        "units.xattn.mac_array.rows=8,16",
        ...budget,
        "--unit",
        "host",
      ]);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(
        `error: --unit host: budgets the unit's busy time per inference, given with --budget-ms <ms>; it does not apply to ${flag}\n`,
      );
    },
  );

  it("reports the measured latency under a large budget, not the budget less the margin", async () => {
    const run = await runCli([
      "size",
      "-m",
      "models/smolvla.yaml",
      "-t",
      "xattn-unit",
      "--vary",
      "mac_array.rows=64",
      "--budget-ms",
      "1e9",
      "-f",
      "json",
    ]);
    const sized = JSON.parse(run.stdout) as { design: { latencyMs: number; budgetedMs: number } };
    expect(sized.design.budgetedMs).toBe(sized.design.latencyMs);
  });
});
