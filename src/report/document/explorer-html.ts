/**
 * explorer.html: one self-contained page that runs the engine in the browser (src/explore/, bundled by
 * esbuild at build time into dist/explore/bundle.js) on the model and target files embedded as text. No
 * network, no server: it works from file://.
 */
import type { ExplorerData } from "../../load/explorer-data.js";
import { readExplorerScript } from "../../load/explorer-script.js";

/** Text safe inside <script>: no `</script` or `<!--` can end or confuse the element. */
const inScript = (text: string) => text.replace(/<(\/script|!--)/gi, "\\u003c$1");

export function explorerHtml(data: ExplorerData, bundle: string = readExplorerScript()): string {
  const subject = data.system?.file.path ?? data.targets.map((t) => t.path).join(", ");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>accel-sizer explorer: ${escapeHtml(data.model.path)} on ${escapeHtml(subject)}</title>
<style>${STYLE}</style></head>
<body><header><h1>accel-sizer explorer</h1><p id="subtitle"></p></header>
<main><aside><div id="controls"></div><p class="hint">Type a value (a number or an expression, as <code>--set</code> takes) or drag its slider. The link holds the design: share it.</p><button type="button" id="reset">Reset to the files</button></aside>
<section id="results"><div id="metrics"></div><p id="timing"></p><pre id="problems" role="alert"></pre><p id="verdict"></p>
<div class="cli"><button type="button" id="copy">Copy as CLI</button><code id="cli"></code></div><div id="details"></div></section></main>
<script type="application/json" id="explorer-data">${inScript(JSON.stringify(data))}</script>
<script>${inScript(bundle)}</script></body></html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#222;background:#fafafa}
header{padding:10px 20px;background:#fff;border-bottom:1px solid #ddd}h1{font-size:18px;margin:0}#subtitle{margin:2px 0 0;color:#555}
main{display:grid;grid-template-columns:minmax(300px,360px) 1fr;gap:16px;padding:12px 20px}
@media (max-width:800px){main{grid-template-columns:1fr}aside{position:static;max-height:none}}
aside{max-height:calc(100vh - 90px);overflow:auto;position:sticky;top:8px}
fieldset{border:1px solid #ddd;background:#fff;margin:0 0 10px;padding:6px 10px}legend{font-weight:600}
.control{display:grid;grid-template-columns:1fr 84px 90px;gap:6px;align-items:center;margin:3px 0}
.control .key{font-family:ui-monospace,monospace;font-size:12px;overflow-wrap:anywhere}
.control input[type=text],.control select{width:100%;box-sizing:border-box;font:inherit;font-size:13px}
.control.menu select{grid-column:2/-1}
.control.changed .key{font-weight:700;color:#1a5fb4}
.problem{grid-column:1/-1;color:#b00020;font-size:12px;white-space:pre-wrap}.problem:empty{display:none}
[aria-invalid=true]{outline:2px solid #b00020}
#metrics{display:flex;flex-wrap:wrap;gap:10px}.metric{background:#fff;border:1px solid #ddd;padding:6px 12px;min-width:120px}
.metric .label{display:block;color:#555;font-size:12px}.metric .value{font-size:22px;font-weight:600;margin-right:4px}.metric .unit{color:#555}
#timing{color:#555;font-size:12px}#problems{color:#b00020;white-space:pre-wrap;margin:0}#problems:empty{display:none}
.stale #metrics,.stale #details{opacity:.55}
.cli{display:flex;gap:8px;align-items:flex-start}.cli code{font-size:12px;background:#fff;border:1px solid #ddd;padding:4px 6px;overflow-wrap:anywhere}
h2{font-size:15px;margin:18px 0 6px}.chart{width:100%;max-width:760px;font-size:11px;background:#fff}figure{margin:0 0 10px}figcaption{font-size:12px;color:#555}
.roof{fill:none;stroke:#222;stroke-width:1.5}.grid{stroke:#eee}circle{fill:#4e79a7;fill-opacity:.75}
table{border-collapse:collapse;background:#fff;font-size:13px}td,th{border:1px solid #ddd;padding:3px 8px;text-align:right}td:first-child,th:first-child{text-align:left}
`;
