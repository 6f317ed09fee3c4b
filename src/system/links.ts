import { InputError } from "../common/errors.js";
import type { System } from "../hardware/system.js";

/**
 * The link between two units (by unit index, either order), for the scheduler; a tensor that must cross where
 * no link is fails with the link to add.
 */
export function linkIndexOf(system: System): (a: number, b: number) => number {
  const n = system.units.length;
  const index = new Map<number, number>();
  const unitIndex = new Map(system.units.map((u, i) => [u.name, i]));
  system.links.forEach((l, i) => {
    const [a, b] = l.between.map((name) => unitIndex.get(name)) as [number, number];
    index.set(a * n + b, i);
    index.set(b * n + a, i);
  });
  return (a, b) => index.get(a * n + b) ?? missingLink(system, a, b);
}

function missingLink(system: System, a: number, b: number): never {
  const [x, y] = [system.units[a]!.name, system.units[b]!.name];
  throw new InputError(
    `system ${system.name}: a tensor crosses from ${x} to ${y}, but no link joins them; add { between: [${x}, ${y}], bandwidth_gbps: …, latency_us: … } to links`,
  );
}

/** Seconds a crossing occupies its link direction: the link's latency, then its bytes at the link's bandwidth. */
export function transferSeconds(
  link: { readonly bytesPerSecond: number; readonly latencySeconds: number },
  bytes: number,
): number {
  return link.latencySeconds + bytes / link.bytesPerSecond;
}
