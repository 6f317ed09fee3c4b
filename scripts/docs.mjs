// Rewrites the console blocks of README.md and docs/*.md from what their commands print now (`npm run docs`).
// A block is regenerated when every `$ npx accel-sizer …` line in it is a whole command (no "…" elision):
// each command runs from the repository root with the built CLI, and its output (stdout and stderr) replaces
// the lines under it. Other lines (`$ echo $?`, `$ npm start`) and elided blocks are left as they are.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = new URL("..", import.meta.url).pathname;
const files = ["README.md", ...readdirSync(join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => join("docs", f))];
const only = process.argv.slice(2);

/** Runs one command line as a user would paste it, with `npx accel-sizer` as the built CLI. */
function run(command) {
  const line = command.replace(/\bnpx accel-sizer\b/g, "node dist/cli/bin.js");
  try {
    // A newline before the brace: a trailing `# comment` on the line must not swallow the redirection.
    return execFileSync("bash", ["-c", `{ ${line}\n} 2>&1`], { cwd: ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", CI: "1" } });
  } catch (error) {
    return String(error.stdout ?? "");
  }
}

/** The block's lines with each whole command's output replaced, or undefined when the block is not ours to rewrite. */
function regenerate(lines) {
  const commands = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith("$ ")) continue;
    let end = i;
    while (lines[end].endsWith("\\") && end + 1 < lines.length) end++;
    commands.push({ start: i, end });
  }
  const ours = commands.filter((c) => lines[c.start].startsWith("$ npx accel-sizer"));
  if (ours.length === 0 || ours.some((c) => lines.slice(c.start, c.end + 1).join("\n").includes("…"))) return undefined;
  const out = [];
  for (let k = 0; k < commands.length; k++) {
    const c = commands[k];
    const next = k + 1 < commands.length ? commands[k + 1].start : lines.length;
    const text = lines.slice(c.start, c.end + 1);
    out.push(...text);
    if (!lines[c.start].startsWith("$ npx accel-sizer")) {
      out.push(...lines.slice(c.end + 1, next));
      continue;
    }
    const printed = run(text.map((l) => l.replace(/^\$ /, "").replace(/\\$/, "")).join(" ")).replace(/\s+$/, "");
    if (printed !== "") out.push(...printed.split("\n"));
    // Blank lines that separated this output from the next command stay.
    let blank = next;
    while (blank > c.end + 1 && lines[blank - 1] === "") blank--;
    out.push(...lines.slice(blank, next));
  }
  return out;
}

for (const file of files) {
  if (only.length > 0 && !only.includes(file)) continue;
  const text = readFileSync(join(ROOT, file), "utf8");
  const lines = text.split("\n");
  const result = [];
  let changed = 0;
  for (let i = 0; i < lines.length; i++) {
    result.push(lines[i]);
    if (lines[i] !== "```console") continue;
    let close = i + 1;
    while (close < lines.length && lines[close] !== "```") close++;
    const body = lines.slice(i + 1, close);
    const fresh = regenerate(body);
    const next = fresh ?? body;
    if (fresh !== undefined && fresh.join("\n") !== body.join("\n")) changed++;
    result.push(...next);
    i = close - 1;
  }
  if (changed > 0) writeFileSync(join(ROOT, file), result.join("\n"));
  console.log(`${file}: ${changed} block${changed === 1 ? "" : "s"} rewritten`);
}
