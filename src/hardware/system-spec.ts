import { expectDefined } from "../common/expect.js";
import { inContext, InputError } from "../common/errors.js";
import { checkFileKind } from "../common/file-kind.js";
import { parseWithSchema } from "../common/schema-errors.js";
import { didYouMean } from "../common/suggest.js";
import { parseYamlSource, withOverrides, type YamlSource } from "../common/yaml-source.js";
import { overrideSource } from "../common/override.js";
import { resolveTarget, targetKeys, type TargetOverride, type TargetSpec } from "./target.js";
import type { Target } from "./types.js";
import { systemSchema, type SystemFile } from "./system-schema.js";
import type { System } from "./system.js";

/**
 * A system file checked and its units' targets parsed, not yet resolved (overrides apply later). Parsing
 * takes text, so the same checks run on a file (load/system.ts) and on text embedded in the explorer page.
 */
export interface SystemSpec {
  readonly path: string;
  readonly file: SystemFile;
  readonly source: YamlSource;
  readonly units: ReadonlyMap<string, TargetSpec>;
}

/**
 * Checks a system file's text; `unitTarget` turns a unit's `target` (as the file writes it) into a target
 * spec. Every name a rule, a link or `default_unit` uses must be a unit.
 */
export function parseSystemSpec(text: string, path: string, unitTarget: (target: string) => TargetSpec): SystemSpec {
  const source = parseYamlSource(text, path);
  checkFileKind(source, "system");
  let file: SystemFile;
  try {
    file = parseWithSchema(systemSchema, source);
  } catch (error) {
    // Report the names that are no unit alongside the schema's problems, so one validate run shows them all.
    if (!(error instanceof InputError)) throw error;
    throw new InputError([...error.details, ...unknownUnits(source, source.data as RawSystem)]);
  }
  const problems = unknownUnits(source, file);
  // One link per pair of units, either order, and none from a unit to itself: transfers and overrides would
  // otherwise each pick a different one.
  const pairs = new Map<string, number>();
  (file.links ?? []).forEach((link, i) => {
    const [a, b] = link.between;
    if (a === b)
      problems.push(
        `${source.locate(["links", i, "between"])}: a link joins two different units; this one joins ${a} to itself`,
      );
    const pair = [a, b].sort().join("\u0000");
    const first = pairs.get(pair);
    if (first !== undefined)
      problems.push(
        `${source.locate(["links", i, "between"])}: ${a} and ${b} are already joined by links[${first}] (one link per pair of units, in either order)`,
      );
    else pairs.set(pair, i);
  });
  if (problems.length > 0) throw new InputError(problems);
  const units = new Map<string, TargetSpec>();
  for (const [name, unit] of Object.entries(file.units)) {
    try {
      units.set(name, unitTarget(unit.target));
    } catch (error) {
      throw inContext(`${source.locate(["units", name, "target"])}: unit ${name}`, error, { always: true });
    }
  }
  return { path, file, source, units };
}

/** The names a system file uses where a unit is meant, read leniently (the file may not fit its schema). */
interface RawSystem {
  readonly units?: unknown;
  readonly default_unit?: unknown;
  readonly map?: unknown;
  readonly links?: unknown;
  readonly memories?: unknown;
}

/** Every name used as a unit (default_unit, map rules, links) that is not one of the file's units. */
function unknownUnits(source: YamlSource, file: RawSystem): string[] {
  const units = file.units;
  if (typeof units !== "object" || units === null) return [];
  const names = Object.keys(units);
  // With no units at all, the schema's "expected at least one unit" says it: naming each use would repeat it.
  if (names.length === 0) return [];
  const problems: string[] = [];
  const known = (name: unknown, where: (string | number)[]) => {
    if (typeof name === "string" && !names.includes(name))
      problems.push(
        `${source.locate(where)}: no unit '${name}'${didYouMean(name, names)}; the units are ${names.join(", ")}`,
      );
  };
  const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
  known(file.default_unit, ["default_unit"]);
  list(file.map).forEach((rule, i) => known((rule as { unit?: unknown } | null)?.unit, ["map", i, "unit"]));
  list(file.links).forEach((link, i) =>
    list((link as { between?: unknown } | null)?.between).forEach((name, k) => known(name, ["links", i, "between", k])),
  );
  // A unit draws on one memory at most: two would leave its DRAM bandwidth undefined.
  const memoryOf = new Map<string, string>();
  list(file.memories).forEach((memory, i) => {
    const m = memory as { name?: unknown; units?: unknown } | null;
    list(m?.units).forEach((name, k) => {
      known(name, ["memories", i, "units", k]);
      if (typeof name !== "string") return;
      const other = memoryOf.get(name);
      if (other !== undefined)
        problems.push(
          `${source.locate(["memories", i, "units", k])}: unit ${name} already draws on memory ${other}; a unit has one DRAM`,
        );
      else memoryOf.set(name, String(m?.name));
    });
  });
  return problems;
}

/** A link's fields an override may set. */
const LINK_FIELDS = ["bandwidth_gbps", "latency_us", "energy_pj_per_byte"] as const;

/** A link named as overrides name it: `<unit>.<unit>`, its two units in the file's order. */
const linkName = (between: readonly [string, string]) => between.join(".");

/** The field paths a system takes as overrides: units.<unit>.<target field> and links.<unit>.<unit>.<field>. */
export function systemKeys(spec: SystemSpec): string[] {
  const units = [...spec.units.keys()].flatMap((unit) => targetKeys().map((key) => `units.${unit}.${key}`));
  return [
    ...units,
    ...(spec.file.links ?? []).flatMap((l) => LINK_FIELDS.map((field) => `links.${linkName(l.between)}.${field}`)),
  ];
}

/**
 * The links with `links.<unit>.<unit>.<field>` overrides applied (either order of the units), checked by the
 * system schema as if the file held the values, so a bad one reads like a bad file value.
 */
function overriddenLinks(spec: SystemSpec, overrides: readonly TargetOverride[]): SystemFile["links"] {
  const links = spec.file.links ?? [];
  if (overrides.length === 0) return links;
  const problems: string[] = [];
  const paths = overrides.map((o) => {
    const [, a, b, field, ...rest] = o.key.split(".");
    const index = links.findIndex(
      (l) => (l.between[0] === a && l.between[1] === b) || (l.between[0] === b && l.between[1] === a),
    );
    if (index < 0 || rest.length > 0 || !(LINK_FIELDS as readonly (string | undefined)[]).includes(field)) {
      const names = links.map((l) => linkName(l.between)).join(", ") || "none";
      problems.push(
        `${overrideSource(o)}: expected links.<unit>.<unit>.<field> naming a link (${names}) and one of ${LINK_FIELDS.join(", ")}`,
      );
    }
    return { path: ["links", index, field!], value: o.value, where: overrideSource(o) };
  });
  // links.host.xattn and links.xattn.host are one link: a field given both ways would let the last one win.
  paths.forEach((p, i) => {
    const earlier = paths.findIndex((q) => q.path[1] === p.path[1] && q.path[2] === p.path[2]);
    if (earlier < i && p.path[1] !== -1)
      problems.push(
        `${p.where} and ${paths[earlier]!.where} set the same link field (the units either way round name one link); give it once`,
      );
  });
  if (problems.length > 0) throw new InputError(problems);
  return parseWithSchema(systemSchema, withOverrides(spec.source, paths)).links;
}

/**
 * Every unit's target with the unit's own `set`, then overrides given as `units.<unit>.<field>` (the CLI's
 * `--set`, a sweep's `--vary`), applied; links with `links.<unit>.<unit>.<field>` applied.
 */
export function resolveSystem(spec: SystemSpec, overrides: readonly TargetOverride[] = []): System {
  const { file, source } = spec;
  const names = [...spec.units.keys()];
  const problems: string[] = [];
  for (const o of overrides) {
    const [head, unit, field] = o.key.split(".");
    if (head === "links") continue;
    // units.<unit> alone names no field: it would be matched by no prefix and silently ignored.
    if (head === "units" && unit !== undefined && names.includes(unit) && field === undefined) {
      problems.push(
        `${o.source ?? `override ${o.key}`}: names unit ${unit} but no field; expected units.${unit}.<field>, e.g. units.${unit}.mac_array.rows`,
      );
    } else if (head !== "units" || unit === undefined || !names.includes(unit)) {
      problems.push(
        `${o.source ?? `override ${o.key}`}: expected units.<unit>.<field> with a unit of ${names.join(", ")}${unit === undefined ? "" : didYouMean(unit, names)}`,
      );
    }
  }
  if (problems.length > 0) throw new InputError(problems);
  const units = Object.entries(file.units).map(([name, unit]) => {
    const sets: TargetOverride[] = Object.entries(unit.set ?? {}).map(([key, value]) => ({
      key,
      value,
      source: source.locate(["units", name, "set", key]),
    }));
    const prefix = `units.${name}.`;
    const cli = overrides
      .filter((o) => o.key.startsWith(prefix))
      .map((o) => ({ ...o, key: o.key.slice(prefix.length) }));
    // A unit on a shared memory has the memory's bandwidth as its DRAM's: set after its own, which it replaces.
    const memory = (file.memories ?? []).find((m) => m.units.includes(name));
    const given = [...sets, ...cli].find((o) => o.key === "dram.bandwidth_gbps");
    if (memory !== undefined && given !== undefined) {
      throw new InputError(
        `${given.source ?? `override ${given.key}`}: unit ${name} draws on memory ${memory.name}, whose bandwidth is its DRAM's; set memories' bandwidth_gbps instead`,
      );
    }
    const shared =
      memory === undefined
        ? []
        : [
            {
              key: "dram.bandwidth_gbps",
              value: memory.bandwidth_gbps,
              source: source.locate(["memories", (file.memories ?? []).indexOf(memory), "bandwidth_gbps"]),
            },
          ];
    let target: Target;
    try {
      target = resolveTarget(expectDefined(spec.units.get(name), `unit ${name}'s target`), [
        ...sets,
        ...cli,
        ...shared,
      ]);
    } catch (error) {
      // A problem with a --set is the flag's (it names its unit): the flag first, as every other --set error.
      throw inContext(`${source.locate(["units", name, "target"])}: unit ${name}`, error, {
        always: true,
        exceptFlags: true,
      });
    }
    return { name, target, targetFile: unit.target };
  });
  return {
    name: file.name,
    description: file.description ?? "",
    units,
    links: (
      overriddenLinks(
        spec,
        overrides.filter((o) => o.key.startsWith("links.")),
      ) ?? []
    ).map((l) => ({
      between: l.between,
      bytesPerSecond: l.bandwidth_gbps * 1e9,
      latencySeconds: l.latency_us * 1e-6,
      pjPerByte: l.energy_pj_per_byte ?? 0,
    })),
    rules: (file.map ?? []).map((rule, i) => ({ ...rule, where: source.locate(["map", i]) })),
    defaultUnit: file.default_unit,
    memories: (file.memories ?? []).map((m) => ({
      name: m.name,
      bytesPerSecond: m.bandwidth_gbps * 1e9,
      units: m.units,
    })),
  };
}

/** A plain target as a system of one unit: everything runs on it, nothing crosses a link. */
export function systemOfTarget(target: Target, targetFile: string): System {
  return {
    name: target.name,
    description: target.description,
    units: [{ name: target.name, target, targetFile }],
    links: [],
    rules: [],
    defaultUnit: target.name,
    memories: [],
  };
}
