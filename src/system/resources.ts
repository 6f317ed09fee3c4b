import type { System } from "../hardware/system.js";

/**
 * The schedule's resources, numbered: the units (0 … units − 1), then each link's two directions (from the
 * lower-numbered unit to the higher, then back), then the shared memories. The one place that numbering lives.
 */
export interface ResourceLayout {
  readonly units: number;
  readonly links: number;
  readonly memories: number;
}

export function resourceCount(layout: ResourceLayout): number {
  return layout.units + 2 * layout.links + layout.memories;
}

/** Link `link`'s direction: from its lower-numbered unit to the higher (`back` false), or back. */
export function linkResource(layout: ResourceLayout, link: number, back: boolean): number {
  return layout.units + 2 * link + (back ? 1 : 0);
}

export function memoryResource(layout: ResourceLayout, memory: number): number {
  return layout.units + 2 * layout.links + memory;
}

/** What a resource is: a unit, a link direction, or a memory, with its index among them. */
export function resourceKind(
  layout: ResourceLayout,
  resource: number,
): { kind: "unit"; unit: number } | { kind: "link"; link: number; back: boolean } | { kind: "memory"; memory: number } {
  if (resource < layout.units) return { kind: "unit", unit: resource };
  const linkPart = resource - layout.units;
  if (linkPart < 2 * layout.links) return { kind: "link", link: linkPart >> 1, back: linkPart % 2 === 1 };
  return { kind: "memory", memory: linkPart - 2 * layout.links };
}

/** A system's resources as the schedule numbers them. */
export function layoutOf(system: System): ResourceLayout {
  return { units: system.units.length, links: system.links.length, memories: system.memories.length };
}
