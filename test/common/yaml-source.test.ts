import { describe, expect, it } from "vitest";
import { InputError } from "../../src/common/errors.js";
import { parseYamlSource } from "../../src/common/yaml-source.js";
import { loadSystemSpec } from "../../src/load/system.js";

describe("YAML keys that JavaScript treats specially", () => {
  it("refuses '__proto__' as a key at its line, wherever it is (it once made a unit or a set vanish)", () => {
    const text = [
      "units:",
      "  host: { target: a.yaml }",
      "  __proto__: { target: b.yaml, set: { __proto__: 1 } }",
    ].join("\n");
    expect(() => parseYamlSource(text, "s.yaml")).toThrow(InputError);
    expect(() => parseYamlSource(text, "s.yaml")).toThrow(
      "s.yaml:3:3: '__proto__' cannot be a key (it names an object's prototype in JavaScript); choose another name",
    );
    expect(() => parseYamlSource(text, "s.yaml")).toThrow("s.yaml:3:39: '__proto__' cannot be a key");
  });

  it("still reads the shipped systems", () => {
    expect([...loadSystemSpec("hardware/systems/orin-plus-xattn.yaml").units.keys()]).toEqual(["host", "xattn"]);
  });
});
