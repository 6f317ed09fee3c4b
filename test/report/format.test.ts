import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatColumn, formatInteger } from "../../src/report/views/format.js";

describe("formatInteger", () => {
  it("writes what toLocaleString('en-US') writes for every rounded number", () => {
    const value = fc.oneof(
      fc.integer(),
      fc.double({ min: -1e22, max: 1e22, noNaN: true }),
      fc.constantFrom(0, -0, -0.4, 0.5, -0.5, 999_999.5, 2 ** 53, 1e21),
    );
    fc.assert(
      fc.property(value, (v) => formatInteger(v) === Math.round(v).toLocaleString("en-US")),
      { numRuns: 2000 },
    );
  });

  it("writes n/a for what is not a number", () => {
    expect([NaN, Infinity, -Infinity].map(formatInteger)).toEqual(["n/a", "n/a", "n/a"]);
  });
});

describe("formatColumn", () => {
  it.each([
    [
      [1410, 480, 300],
      ["1,410", "480", "300"],
    ],
    [
      [2039, 19.2, 204.8],
      ["2,039.0", "19.2", "204.8"],
    ],
    [
      [155.935, 0.0768],
      ["155.935", "0.077"],
    ],
    [
      [0, Number.NaN, 12.5],
      ["0.0", "n/a", "12.5"],
    ],
  ])("%j → %j: one number of decimals per column, thousands separated", (values, expected) => {
    expect(formatColumn(values)).toEqual(expected);
  });
});
