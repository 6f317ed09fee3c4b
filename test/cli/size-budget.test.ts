import { describe, expect, it } from "vitest";
import { budgetOf } from "../../src/cli/commands/size.js";
import { InputError } from "../../src/common/errors.js";

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
  ])("%j is refused", (options, message) => {
    expect(() => budgetOf(options)).toThrow(InputError);
    expect(() => budgetOf(options)).toThrow(message);
  });
});
