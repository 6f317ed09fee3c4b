import type { LayerBreakdown } from "../../graph/breakdown.js";
import type { MacsSummary } from "../../graph/summary.js";
import { formatGiga, formatInteger, formatSignificant, renderTable, toCsv } from "./format.js";

/** The seed's summary table plus its per-layer lines, for the terminal. */
export function macsTable(summary: MacsSummary, breakdown: readonly LayerBreakdown[]): string {
  const rows = summary.components.map((c) => [
    c.name,
    String(c.layers),
    c.instances > 1 ? `×${c.instances}` : "",
    formatGiga(c.staticMacs),
    c.dynamicMacs > 0 ? formatGiga(c.perStepMacs, 3) : "",
    c.dynamicMacs > 0 ? String(c.steps) : "",
    c.dynamicMacs > 0 ? formatGiga(c.dynamicMacs) : "",
    formatGiga(c.macs),
    formatSignificant(c.params / 1e6, 4),
  ]);
  const totalStatic = summary.components.reduce((s, c) => s + c.staticMacs, 0);
  const totalDynamic = summary.components.reduce((s, c) => s + c.dynamicMacs, 0);
  rows.push([
    "Total",
    "",
    "",
    formatGiga(totalStatic),
    "",
    "",
    formatGiga(totalDynamic),
    formatGiga(summary.totalMacs),
    formatSignificant(summary.totalParams / 1e6, 4),
  ]);
  const head = renderTable([...MACS_HEADERS], rows);
  const lines = [
    `${summary.model}: ${formatInteger(summary.totalMacs)} MACs per inference (${formatGiga(summary.totalMacs)} G-MACs)`,
    "",
    head,
    "",
    "Per layer (G-MACs for one execution of one layer; per-step parts are per diffusion step):",
  ];
  const partRows: string[][] = [];
  for (const layer of breakdown) {
    const label =
      layer.layersAlike > 1
        ? `${layer.component} (${layer.layersAlike} layers like layer ${layer.layer})`
        : `${layer.component} (layer ${layer.layer})`;
    layer.parts.forEach((p, i) => {
      const name = p.block === p.part ? p.part : `${p.block} ${p.part}`;
      partRows.push([
        i === 0 ? label : "",
        name,
        p.ops.join(", "),
        p.phase,
        formatSignificant(p.macs / 1e9, 4),
        formatInteger(p.macs),
      ]);
      const next = layer.parts[i + 1];
      if (next?.block === p.block) return;
      // The seed quotes per-block totals (e.g. expert self-attention 0.073 per step): one subtotal per block and phase.
      for (const phase of ["static", "per_step"] as const) {
        const same = layer.parts.filter((q) => q.block === p.block && q.phase === phase);
        if (same.length < 2) continue;
        const macs = same.reduce((sum, q) => sum + q.macs, 0);
        partRows.push(["", `${p.block} total`, "", phase, formatSignificant(macs / 1e9, 4), formatInteger(macs)]);
      }
    });
  }
  lines.push(
    renderTable(["Layer", "Part", "Ops", "Phase", "G-MACs", "MACs"], partRows, [
      "left",
      "left",
      "left",
      "left",
      "right",
      "right",
    ]),
  );
  return lines.join("\n");
}

export function macsJson(summary: MacsSummary): string {
  return JSON.stringify(summary, null, 2);
}

export function macsCsv(summary: MacsSummary): string {
  return toCsv(
    ["component", "layers", "instances", "steps", "static_macs", "per_step_macs", "dynamic_macs", "macs", "params"],
    [
      ...summary.components.map((c) => [
        c.name,
        c.layers,
        c.instances,
        c.steps,
        c.staticMacs,
        c.perStepMacs,
        c.dynamicMacs,
        c.macs,
        c.params,
      ]),
      ["total", "", "", "", "", "", "", summary.totalMacs, summary.totalParams],
    ],
  );
}

/** The columns of a MACs-per-component table, in the CLI's table and the report's alike. */
export const MACS_HEADERS = [
  "Component",
  "Layers",
  "Runs",
  "Static G-MACs",
  "Per-step G-MACs",
  "Steps",
  "Dynamic G-MACs",
  "Total G-MACs",
  "Params (M)",
] as const;
