import { displayText } from "../common/text-schema.js";
import { z } from "zod";
import { strictObject } from "../common/schema-errors.js";

/**
 * The system file format (`hardware/systems/*.yaml`): units (each a target file with optional field
 * overrides), links between them, and the rules that map ops to units. One declaration gives the types, the
 * validation and `hardware/systems/schema.json`.
 */
const unitName = z
  .string()
  .max(64, "expected a name of at most 64 characters")
  .regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, "expected a name of letters, digits, _ and -");
const pattern = z
  .string()
  .min(1, "expected a glob, not empty text")
  .max(200, "expected a glob of at most 200 characters")
  .describe("a glob: * matches any run of characters, ? one character");

/**
 * Limits that keep every accepted system within seconds: each unit is simulated and each rule is tried on
 * every op, and real systems have a handful of each.
 */
/** At most so many of each; `instances`: a component's instances placed one by one, each a copy of its ops. */
export const SYSTEM_LIMITS = { units: 32, links: 128, rules: 256, memories: 16, instances: 64 } as const;

export const systemSchema = strictObject({
  $schema: z.string().optional(),
  name: displayText("name"),
  description: displayText("description").optional(),
  units: z
    .record(
      unitName,
      strictObject({
        target: z.string().min(1).describe("target file, relative to this file"),
        set: z
          .record(z.string(), z.union([z.number(), z.string()]))
          .optional()
          .describe("target fields to override, e.g. { clock_mhz: 400 }"),
      }),
    )
    .refine((units) => Object.keys(units).length >= 1, "expected at least one unit")
    .refine(
      (units) => Object.keys(units).length <= SYSTEM_LIMITS.units,
      `expected at most ${SYSTEM_LIMITS.units} units`,
    )
    .describe("the compute units, by name"),
  links: z
    .array(
      strictObject({
        between: z.tuple([unitName, unitName]).describe("the two units the link joins"),
        bandwidth_gbps: z
          .number()
          .min(1e-6, "expected at least 1e-6 GB/s")
          .max(1e6, "expected at most 1e6 GB/s")
          .describe("GB/s each way (1 GB/s = 10^9 bytes/s)"),
        latency_us: z
          .number()
          .min(0, "expected a number ≥ 0")
          .max(1e6, "expected at most 1e6 µs")
          .describe("fixed time per transfer, µs"),
        energy_pj_per_byte: z
          .number()
          .min(0, "expected a number ≥ 0")
          .max(1e6, "expected at most 1e6 pJ")
          .optional()
          .describe("energy per byte moved, pJ, added to the system's energy per inference (default 0: not priced)"),
      }),
    )
    .max(SYSTEM_LIMITS.links, `expected at most ${SYSTEM_LIMITS.links} links`)
    .optional()
    .describe("point-to-point links; a tensor crosses the link between its producer's and its consumer's units"),
  memories: z
    .array(
      strictObject({
        name: unitName.describe("the memory's name, as the schedule and the report show it"),
        bandwidth_gbps: z
          .number()
          .min(1e-3, "expected at least 0.001 GB/s")
          .max(1e6, "expected at most 1e6 GB/s")
          .describe("GB/s the attached units share (1 GB/s = 10^9 bytes/s)"),
        units: z.array(unitName).min(1, "expected at least one unit").describe("the units whose DRAM this is"),
      }),
    )
    .max(SYSTEM_LIMITS.memories, `expected at most ${SYSTEM_LIMITS.memories} memories`)
    .optional()
    .describe(
      "shared memories: each attached unit's DRAM is this memory, at its bandwidth, and their DRAM streams queue on it",
    ),
  map: z
    .array(
      strictObject({
        component: pattern.optional(),
        block: pattern.optional(),
        op: pattern.optional(),
        instance: z
          .number()
          .int("expected an integer")
          .min(0, "expected an instance index ≥ 0 (0 is the first)")
          .max(SYSTEM_LIMITS.instances - 1, `expected an instance index below ${SYSTEM_LIMITS.instances}`)
          .optional()
          .describe(
            "one instance of a component that runs several (0 = the first camera): the component's instances then run as separate streams, each placed by the rules",
          ),
        unit: unitName,
      }),
    )
    .max(SYSTEM_LIMITS.rules, `expected at most ${SYSTEM_LIMITS.rules} rules`)
    .optional()
    .describe(
      "rules, first match wins: an op whose component, block and op name match the given globs (and instance, when given) runs on `unit`",
    ),
  default_unit: unitName.describe("where ops no rule matches run"),
});

export type SystemFile = z.infer<typeof systemSchema>;
