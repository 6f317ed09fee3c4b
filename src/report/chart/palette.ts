/**
 * The colours of every chart, in the report (PNG) and the explorer (SVG) alike: one module, so that a part has
 * one colour everywhere (DRAM is red whether it bounds ops, spends energy or holds area as its PHYs' link).
 */

/** Tableau 10: ten colours that stay distinguishable next to each other, readable on white. */
export const PALETTE: readonly string[] = [
  "#4e79a7",
  "#f28e2b",
  "#e15759",
  "#76b7b2",
  "#59a14f",
  "#edc948",
  "#b07aa1",
  "#ff9da7",
  "#9c755f",
  "#bab0ac",
];

/** The parts the charts name (bounds, energy parts, area blocks), one colour each in every chart. */
export const PART_COLORS: Readonly<Record<string, string>> = {
  compute: "#4e79a7",
  mac: "#4e79a7",
  sram: "#f28e2b",
  dram: "#e15759",
  vector: "#76b7b2",
  launch: "#59a14f",
  array: "#b07aa1",
  static: "#bab0ac",
  phy: "#9c755f",
  control: "#edc948",
  // As-built overheads sit beside the block they grow from, in its lighter shade.
  datapath: "#d4a6c8",
  periphery: "#ffbe7d",
  placement: "#d7d7d7",
  clock: "#ff9da7",
};

/** Colour for series `i`; past the palette, golden-angle hues keep colours distinct. */
export function colorAt(i: number): string {
  const n = Math.max(0, Math.floor(i));
  if (n < PALETTE.length) return PALETTE[n] as string;
  const hue = Math.round((n * 137.508) % 360);
  const light = 40 + ((n * 7) % 3) * 10;
  return `hsl(${hue}, 65%, ${light}%)`;
}

/** A named part's own colour, or series `i`'s for a name that is no part (a component). */
export function partColor(name: string, i: number): string {
  return Object.hasOwn(PART_COLORS, name) ? PART_COLORS[name]! : colorAt(i);
}
