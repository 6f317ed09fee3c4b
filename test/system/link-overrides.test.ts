/** `--set links.<unit>.<unit>.<field>`: a system's links take overrides as its units do, checked like the file. */
import { describe, expect, it } from "vitest";
import { parseSystemSpec, systemKeys } from "../../src/hardware/system-spec.js";
import { loadTargetSpec } from "../../src/load/load.js";
import { loadSystemSpec, resolveSystem } from "../../src/load/system.js";

const FILE = "hardware/systems/orin-plus-xattn.yaml";
const spec = loadSystemSpec(FILE);
const set = (key: string, value: number | string) => ({ key, value, source: `--set ${key}` });

describe("link overrides", () => {
  it("are listed with the unit fields, and apply whichever way round the units are named", () => {
    expect(systemKeys(spec).filter((k) => k.startsWith("links."))).toEqual([
      "links.host.xattn.bandwidth_gbps",
      "links.host.xattn.latency_us",
      "links.host.xattn.energy_pj_per_byte",
    ]);
    const system = resolveSystem(spec, [
      set("links.xattn.host.bandwidth_gbps", 0.5),
      set("links.host.xattn.latency_us", 50),
    ]);
    expect(system.links).toEqual([
      { between: ["host", "xattn"], bytesPerSecond: 0.5e9, latencySeconds: 50 * 1e-6, pjPerByte: 0 },
    ]);
    expect(resolveSystem(spec).links[0]!.bytesPerSecond).toBe(4e9);
  });

  it.each([
    [
      "links.host.xattn.bandwidth_gbps",
      0,
      `--set links.host.xattn.bandwidth_gbps (over ${FILE}:14:47): links[0].bandwidth_gbps: expected at least 1e-6 GB/s`,
    ],
    [
      "links.host.xattn.latency_us",
      "slow",
      `--set links.host.xattn.latency_us (over ${FILE}:14:64): links[0].latency_us: expected a number, got "slow"`,
    ],
    [
      "links.host.gpu.bandwidth_gbps",
      1,
      "--set links.host.gpu.bandwidth_gbps: expected links.<unit>.<unit>.<field> naming a link (host.xattn) and one of bandwidth_gbps, latency_us, energy_pj_per_byte",
    ],
    [
      "links.host.xattn.width",
      1,
      "--set links.host.xattn.width: expected links.<unit>.<unit>.<field> naming a link (host.xattn) and one of bandwidth_gbps, latency_us, energy_pj_per_byte",
    ],
    // Once accepted and silently ignored (no unit field matched it).
    [
      "units.xattn",
      1,
      "--set units.xattn: names unit xattn but no field; expected units.xattn.<field>, e.g. units.xattn.mac_array.rows",
    ],
  ])("%s = %s is refused: %s", (key, value, message) => {
    expect(() => resolveSystem(spec, [set(key, value)])).toThrow(message);
  });
});

describe("a bad unit field given with --set", () => {
  it("is the flag's problem, named first (it once came after the system file's location)", () => {
    const problem = (() => {
      try {
        resolveSystem(spec, [set("units.xattn.mac_array.rows", 0)]);
      } catch (error) {
        return (error as Error).message;
      }
      return "";
    })();
    expect(problem).toBe(
      "--set units.xattn.mac_array.rows (over hardware/xattn-unit.yaml:11:9): mac_array.rows: expected a positive integer, got 0",
    );
  });
});

describe("a link field given both ways round", () => {
  it("is refused: links.host.xattn and links.xattn.host are one link, and the last value silently won", () => {
    expect(() =>
      resolveSystem(spec, [set("links.host.xattn.latency_us", 1e6), set("links.xattn.host.latency_us", 0)]),
    ).toThrow(
      "--set links.xattn.host.latency_us and --set links.host.xattn.latency_us set the same link field (the units either way round name one link); give it once",
    );
    // Different fields of one link, either way round, are two settings.
    expect(() =>
      resolveSystem(spec, [set("links.host.xattn.latency_us", 1), set("links.xattn.host.bandwidth_gbps", 8)]),
    ).not.toThrow();
  });
});

describe("links in a system file", () => {
  const parse = (links: string) =>
    parseSystemSpec(
      [
        "name: s",
        "units:",
        "  host: { target: hardware/jetson-orin.yaml }",
        "  acc: { target: hardware/xattn-unit.yaml }",
        "links:",
        links,
        "default_unit: host",
      ].join("\n"),
      "s.yaml",
      (target) => loadTargetSpec(target),
    );

  it("name the units they miss even when the file has schema problems too (validate once missed them)", () => {
    const text = [
      "name: s",
      "units:",
      "  host: { target: hardware/jetson-orin.yaml }",
      "  acc: { target: hardware/xattn-unit.yaml }",
      "links:",
      "  - { between: [host, accel], bandwidth_gbps: fast, latency_us: 5 }",
      "default_unit: host",
    ].join("\n");
    const problems = problemsOf(text);
    expect(problems).toEqual([
      's.yaml:6:47: links[0].bandwidth_gbps: expected a number, got "fast"',
      "s.yaml:6:23: no unit 'accel' (did you mean 'acc'?); the units are host, acc",
    ]);
  });

  it("are refused when two join the same pair of units, in either order, or one joins a unit to itself", () => {
    const twice = [
      "  - { between: [host, acc], bandwidth_gbps: 4, latency_us: 5 }",
      "  - { between: [acc, host], bandwidth_gbps: 8, latency_us: 5 }",
    ].join("\n");
    expect(() => parse(twice)).toThrow(
      "s.yaml:7:16: acc and host are already joined by links[0] (one link per pair of units, in either order)",
    );
    expect(() => parse("  - { between: [acc, acc], bandwidth_gbps: 8, latency_us: 5 }")).toThrow(
      "s.yaml:6:16: a link joins two different units; this one joins acc to itself",
    );
    expect(parse("  - { between: [host, acc], bandwidth_gbps: 4, latency_us: 5 }").file.links).toHaveLength(1);
  });
});

describe("a system file's names, in the user's words", () => {
  it("a unit named outside the pattern, and an empty glob, say what was wrong with the text given", () => {
    const text = [
      "name: s",
      "units:",
      "  hôte: { target: hardware/jetson-orin.yaml }",
      "map:",
      '  - { block: "", unit: host }',
      "default_unit: host",
    ].join("\n");
    const problems = problemsOf(text);
    expect(problems).toContain('s.yaml:3:9: units.hôte: the name "hôte": expected a name of letters, digits, _ and -');
    expect(problems).toContain('s.yaml:5:14: map[0].block: expected a glob, not empty text, got ""');
  });
});

describe("a system file without units", () => {
  it("says so once, not once per name that uses a unit ('the units are ' and an empty list)", () => {
    const problems = problemsOf("name: s\nunits: {}\ndefault_unit: host\n");
    expect(problems).toEqual(["s.yaml:2:8: units: expected at least one unit"]);
  });
});

/** The problems parsing a system file's text reports, one per line (none when it parses). */
function problemsOf(text: string): string[] {
  try {
    parseSystemSpec(text, "s.yaml", (target) => loadTargetSpec(target));
  } catch (error) {
    return (error as Error).message.split("\n");
  }
  return [];
}
