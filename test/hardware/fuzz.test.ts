import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/common/errors.js";
import { buildGraph } from "../../src/graph/build.js";
import { parseTargetSpec, resolveTarget } from "../../src/hardware/target.js";
import { parseAssignment } from "../../src/cli/load.js";
import { parseModelSpec, resolveModel } from "../../src/model/resolve.js";
import { simulate } from "../../src/simulate/simulate.js";
import { mutate, mutation } from "../fuzz-mutations.js";

/**
 * Broken variants of the shipped targets and random `--set` overrides of target fields: simulate either gives
 * finite, positive latencies with utilisation in (0, 1], or the input is refused with an InputError.
 */
const targets = readdirSync("hardware")
  .filter((f) => f.endsWith(".yaml"))
  .map((f) => readFileSync(`hardware/${f}`, "utf8"));
const graph = buildGraph(resolveModel(parseModelSpec(readFileSync("models/smolvla.yaml", "utf8"), "smolvla.yaml")));
const runs = (fallback: number) => Number(process.env.FUZZ_RUNS ?? fallback);

function expectSaneOrInputError(run: () => ReturnType<typeof simulate>): void {
  let result: ReturnType<typeof simulate>;
  try {
    result = run();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return;
  }
  expect(Number.isFinite(result.latencyMs) && result.latencyMs > 0).toBe(true);
  expect(result.utilization).toBeGreaterThan(0);
  expect(result.utilization).toBeLessThanOrEqual(1);
  expect(JSON.stringify(result.components)).not.toMatch(/NaN|Infinity|null/);
}

describe("target fuzzing", () => {
  it("mutated target files simulate sanely or are refused with an InputError", () => {
    fc.assert(
      fc.property(
        fc.nat(targets.length - 1),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        (which, mutations) => {
          const text = mutations.reduce(mutate, targets[which]!);
          expectSaneOrInputError(() => simulate(graph, resolveTarget(parseTargetSpec(text, "fuzz.yaml"))));
        },
      ),
      { numRuns: runs(300) },
    );
  });

  it("random --set values for target fields simulate sanely or are refused", () => {
    const key = fc.constantFrom(
      "mac_array.rows",
      "mac_array.cols",
      "mac_array.count",
      "mac_array.dataflow",
      "clock_mhz",
      "sram.size_kib",
      "sram.bandwidth_bytes_per_cycle",
      "dram.bandwidth_gbps",
      "vector.lanes",
      "precision",
      "mac_array.rowz",
    );
    const value = fc.oneof(
      fc.constantFrom("0", "-1", "1e400", "NaN", "os", "ws", "is", "int8", "fp32", "1.5", "1e-300", "x"),
      fc.integer({ min: -5, max: 5000 }).map(String),
      fc.double().map(String),
    );
    const base = parseTargetSpec(targets[0]!, "base.yaml");
    fc.assert(
      fc.property(fc.array(fc.tuple(key, value), { maxLength: 3 }), (sets) => {
        expectSaneOrInputError(() =>
          simulate(
            graph,
            resolveTarget(
              base,
              sets.map(([k, v]) => parseAssignment(`${k}=${v}`)),
            ),
          ),
        );
      }),
      { numRuns: runs(200) },
    );
  });
});
