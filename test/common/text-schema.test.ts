import { describe, expect, it } from "vitest";
import { InputError } from "../../src/common/errors.js";
import { parseTargetSpec } from "../../src/hardware/target.js";
import { parseModelSpec } from "../../src/model/resolve.js";

const TARGET = (name: string) =>
  `name: ${JSON.stringify(name)}\nclock_mhz: 500\nprecision: int8\nmac_array: { rows: 8, cols: 8, dataflow: ws }\nsram: { size_kib: 64, bandwidth_bytes_per_cycle: 64 }\ndram: { bandwidth_gbps: 10 }\nvector: { lanes: 8 }\n`;

describe("names and descriptions shown in every output", () => {
  it.each([
    ["an escape sequence that recolours the terminal", "p\u001b[31mRED"],
    ["a right-to-left override that reorders what is read", "unit\u202egnp.exe"],
    ["a zero-width space", "xattn\u200bunit"],
  ])("refuse %s, at the name's line", (_, name) => {
    expect(() => parseTargetSpec(TARGET(name), "t.yaml")).toThrow(InputError);
    expect(() => parseTargetSpec(TARGET(name), "t.yaml")).toThrow(
      "t.yaml:1:7: name: expected printable text: the name has a control or formatting character",
    );
  });

  it("accept any printable text, accents and other scripts included", () => {
    expect(() => parseTargetSpec(TARGET("Unité d'inférence — 加速器 (16×16)"), "t.yaml")).not.toThrow();
    // A description may span lines and hold tabs; an escape in it is refused all the same.
    expect(() => parseModelSpec("name: m\ndescription: |\n  two\n  \tlines\ncomponents: []\n", "m.yaml")).not.toThrow(
      /description/,
    );
    expect(() => parseModelSpec('name: m\ndescription: "a \\e[2J clear"\ncomponents: []\n', "m.yaml")).toThrow(
      /description: expected printable text/,
    );
  });
});
