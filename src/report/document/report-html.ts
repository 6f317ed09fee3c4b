/**
 * index.html: the same blocks as report.md in one self-contained page. CSS is inline, charts are base64
 * `data:` URIs and a few lines of inline script sort tables by a click on a header: no request leaves the file.
 */
import type { Block, Table } from "./report-document.js";
import { reportBlocks } from "./report-content.js";
import type { Report } from "./report-model.js";

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Escapes, then turns the two inline marks (`**bold**`, `` `code` ``) into elements. */
export function inlineHtml(text: string): string {
  return escapeHtml(text)
    .replace(/`([^`]+)`/g, "<code>$1</code>")
    .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>");
}

function tableHtml(t: Table): string {
  const cls = (i: number) => ((t.align?.[i] ?? (i === 0 ? "left" : "right")) === "right" ? ' class="num"' : "");
  const row = (cells: readonly string[], tag: "td" | "th") =>
    `<tr>${cells.map((c, i) => `<${tag}${cls(i)}>${inlineHtml(c)}</${tag}>`).join("")}</tr>`;
  const head = `<thead><tr>${t.headers.map((h, i) => `<th${cls(i)} title="click to sort">${inlineHtml(h)}</th>`).join("")}</tr></thead>`;
  const body = `<tbody>\n${t.rows.map((r) => row(r, "td")).join("\n")}\n</tbody>`;
  const foot =
    t.footer && t.footer.length > 0 ? `\n<tfoot>\n${t.footer.map((r) => row(r, "th")).join("\n")}\n</tfoot>` : "";
  return `<div class="scroll"><table class="sortable">\n${head}\n${body}${foot}\n</table></div>`;
}

/** One block as HTML; `images` maps a chart's relative path to its PNG bytes. */
function blockHtml(
  block: Block,
  images: ReadonlyMap<string, Uint8Array>,
  narrow: ReadonlyMap<string, Uint8Array>,
): string {
  switch (block.kind) {
    case "heading": {
      const id = block.id === undefined ? "" : ` id="${escapeHtml(block.id)}"`;
      return `<h${block.level}${id}>${inlineHtml(block.text)}</h${block.level}>`;
    }
    case "paragraph":
      return `<p>${inlineHtml(block.text)}</p>`;
    case "list":
      return `<ul>\n${block.items.map((item) => `<li>${inlineHtml(item)}</li>`).join("\n")}\n</ul>`;
    case "code":
      return `<pre><code>${escapeHtml(block.text)}</code></pre>`;
    case "table":
      return tableHtml(block.table);
    case "image": {
      const png = images.get(block.path);
      if (png === undefined) throw new Error(`report chart ${block.path} was not rendered`);
      const img = `<img src="${dataUri(png)}" alt="${escapeHtml(block.alt)}">`;
      const small = narrow.get(block.path);
      // Under 600 px the chart drawn for a phone's width, its labels as large as the wide one's on a screen.
      const picture =
        small === undefined
          ? img
          : `<picture><source media="(max-width: 600px)" srcset="${dataUri(small)}">${img}</picture>`;
      return `<figure>${picture}<figcaption>${inlineHtml(block.alt)}</figcaption></figure>`;
    }
  }
}

function contents(blocks: readonly Block[]): string {
  const links = blocks.flatMap((b) =>
    b.kind === "heading" && b.level === 2 && b.id !== undefined
      ? [`<li><a href="#${escapeHtml(b.id)}">${inlineHtml(b.text)}</a></li>`]
      : [],
  );
  return `<nav><ul>\n${links.join("\n")}\n</ul></nav>`;
}

// Wide enough for the comparison tables at 1400 px, where text cells wrap and numbers do not. On a phone a
// table keeps its rows on one line and scrolls inside its own box; a chart shrinks with the page down to
// 560 px (its 16 px labels then still read at 9 px) and scrolls in its box below that.
const STYLE = `
body { font: 15px/1.5 -apple-system, "Segoe UI", "DejaVu Sans", Arial, sans-serif; color: #1d1d1f; background: #fff; margin: 0 auto; max-width: 1320px; padding: 24px 32px 64px; }
h1 { font-size: 1.8em; margin-bottom: 0.2em; } h2 { border-bottom: 1px solid #ddd; padding-bottom: 4px; margin-top: 2em; } h3 { margin-top: 1.5em; }
h1, h2, h3, p, li { overflow-wrap: anywhere; }
code { font: 0.92em/1.4 "DejaVu Sans Mono", Menlo, Consolas, monospace; background: #f3f4f6; padding: 1px 4px; border-radius: 3px; overflow-wrap: anywhere; }
pre { background: #f3f4f6; padding: 10px 14px; border-radius: 6px; white-space: pre-wrap; overflow-wrap: anywhere; } pre code { padding: 0; background: none; }
nav ul { display: flex; flex-wrap: wrap; gap: 4px 18px; padding: 0; list-style: none; } nav a { color: #2f5f8f; }
.scroll { overflow-x: auto; margin: 12px 0; max-width: 100%; }
table { border-collapse: collapse; font-size: 0.92em; font-variant-numeric: tabular-nums; }
th, td { padding: 5px 10px; border-bottom: 1px solid #e5e5e5; text-align: left; vertical-align: top; }
td { min-width: 4em; } td code { word-break: break-all; }
thead th { background: #f6f8fa; border-bottom: 2px solid #ccc; cursor: pointer; user-select: none; }
thead th[data-dir="asc"]::after { content: " ▲"; } thead th[data-dir="desc"]::after { content: " ▼"; }
tbody tr:nth-child(even) { background: #fafafa; } tbody tr:hover { background: #eef4fb; }
tfoot th { border-top: 2px solid #ccc; font-weight: 600; }
.num { text-align: right; white-space: nowrap; }
figure { margin: 18px 0; overflow-x: auto; } figure img { display: block; width: 100%; max-width: 1000px; height: auto; border: 1px solid #e5e5e5; box-sizing: border-box; }
figcaption { color: #555; font-size: 0.9em; }
@media (max-width: 600px) { body { padding: 12px 12px 48px; } th, td { padding: 4px 6px; white-space: nowrap; } td code { word-break: normal; } h1 { font-size: 1.5em; } }
`;

/** Click a header to sort its table's body (numbers numerically, then text); again to reverse. */
const SCRIPT = `
document.querySelectorAll("table.sortable thead th").forEach(function (th) {
  th.addEventListener("click", function () {
    var body = th.closest("table").tBodies[0], col = th.cellIndex, dir = th.dataset.dir === "asc" ? "desc" : "asc";
    th.parentNode.querySelectorAll("th").forEach(function (h) { delete h.dataset.dir; });
    th.dataset.dir = dir;
    function key(tr) { var t = tr.cells[col].textContent.trim(), n = parseFloat(t.replace(/,/g, "")); return /^[-+]?[0-9.,]+/.test(t) && !isNaN(n) ? n : t.toLowerCase(); }
    var rows = Array.prototype.slice.call(body.rows).sort(function (a, b) {
      var x = key(a), y = key(b), c = typeof x === typeof y ? (x < y ? -1 : x > y ? 1 : 0) : typeof x === "number" ? -1 : 1;
      return dir === "asc" ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  });
});
`;

function dataUri(png: Uint8Array): string {
  return `data:image/png;base64,${Buffer.from(png).toString("base64")}`;
}

/**
 * A self-contained page: `images` are the charts by path, `narrow` the same charts drawn for a phone's width
 * (NARROW_WIDTH), served under 600 px.
 */
export function renderHtml(
  title: string,
  blocks: readonly Block[],
  images: ReadonlyMap<string, Uint8Array>,
  narrow: ReadonlyMap<string, Uint8Array> = new Map(),
): string {
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    "</head>",
    "<body>",
    // The contents list goes right under the title.
    ...blocks.flatMap((b, i) =>
      i === 0 ? [blockHtml(b, images, narrow), contents(blocks)] : [blockHtml(b, images, narrow)],
    ),
    `<script>${SCRIPT}</script>`,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

export function reportHtml(
  report: Report,
  images: ReadonlyMap<string, Uint8Array>,
  narrow: ReadonlyMap<string, Uint8Array> = new Map(),
): string {
  return renderHtml(`Latency report: ${report.model}`, reportBlocks(report), images, narrow);
}
