/** A document's charts by their path in its folder: drawn, then their PNGs settled at once. */

/** Charts by their path in the report folder, as PNGs. */
export type ChartFiles = Map<string, Buffer>;

/** Charts drawn whose PNGs are still being encoded (renderChart): settle them all at once with `settled`. */
export type PendingCharts = Map<string, Promise<Buffer>>;

export async function settled(pending: PendingCharts): Promise<ChartFiles> {
  const pngs = await Promise.all(pending.values());
  return new Map([...pending.keys()].map((path, i) => [path, pngs[i]!]));
}
