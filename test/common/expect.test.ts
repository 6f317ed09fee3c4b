import { describe, expect, it } from "vitest";
import { expectDefined } from "../../src/common/expect.js";
import { InputError } from "../../src/common/errors.js";

describe("expectDefined", () => {
  it("passes a present value through, 0 and empty text included", () => {
    expect(expectDefined(0, "x")).toBe(0);
    expect(expectDefined("", "x")).toBe("");
  });

  it("names what was missing, as an internal error (not the user's: not an InputError)", () => {
    expect(() => expectDefined(new Map<string, number>().get("host"), "unit host")).toThrow(
      "unit host is missing (an invariant of accel-sizer failed)",
    );
    expect(() => expectDefined(undefined, "unit host")).not.toThrow(InputError);
  });
});
