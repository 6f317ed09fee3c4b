// Rewrites the console blocks of README.md and docs/*.md from what their commands print now (`npm run docs`).
// A block is regenerated when every `$ npx accel-sizer …` line in it is a whole command (no "…" elision):
// each command runs with the built CLI, and its output (stdout and stderr) replaces the lines under it. Other
// lines (`$ echo $?`, `$ npm start`) and elided blocks are left as they are.
//
// `--check` changes nothing: it runs the commands in a scratch copy of the repository (so that the reports they
// write land there) and exits 1, naming each block, when a block differs from what its command prints now.
// Timings are the one thing normalised ("evaluated in 0.00104 s"): they vary from run to run.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const REPO = new URL("..", import.meta.url).pathname;
const check = process.argv.includes("--check");
const only = process.argv.slice(2).filter((a) => a !== "--check");
const files = [
  "README.md",
  ...readdirSync(join(REPO, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => join("docs", f)),
];
const ROOT = check ? scratchCopy() : REPO;

/** The repository's entries linked into a scratch folder, with an empty reports/ for what commands write. */
function scratchCopy() {
  const dir = mkdtempSync(join(tmpdir(), "accel-sizer-docs-"));
  // docs/ is copied, not linked: the README shows what writing into a folder of the user's prints.
  for (const entry of readdirSync(REPO))
    if (!["reports", ".git", "docs"].includes(entry)) symlinkSync(join(REPO, entry), join(dir, entry));
  cpSync(join(REPO, "docs"), join(dir, "docs"), { recursive: true });
  mkdirSync(join(dir, "reports"));
  process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const normalise = (text) => text.replace(/evaluated in [\d.e+-]+ s/g, "evaluated in N s");

/** Runs one command line as a user would paste it, with `npx accel-sizer` as the built CLI. */
function run(command) {
  const line = command.replace(/\bnpx accel-sizer\b/g, "node dist/cli/bin.js");
  try {
    // A newline before the brace: a trailing `# comment` on the line must not swallow the redirection.
    return execFileSync("bash", ["-c", `{ ${line}\n} 2>&1`], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1", CI: "1" },
    });
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
  if (
    ours.length === 0 ||
    ours.some((c) =>
      lines
        .slice(c.start, c.end + 1)
        .join("\n")
        .includes("…"),
    )
  )
    return undefined;
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

let stale = 0;
for (const file of files) {
  if (only.length > 0 && !only.includes(file)) continue;
  const text = readFileSync(join(REPO, file), "utf8");
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
    if (fresh !== undefined && normalise(fresh.join("\n")) !== normalise(body.join("\n"))) {
      changed++;
      if (check) console.log(`${file}:${i + 2}: the block under this line differs from what its command prints now`);
    }
    result.push(...next);
    i = close - 1;
  }
  stale += changed;
  if (!check && changed > 0) writeFileSync(join(REPO, file), result.join("\n"));
  if (!check) console.log(`${file}: ${changed} block${changed === 1 ? "" : "s"} rewritten`);
}
if (check && stale > 0) {
  console.log(`${stale} block${stale === 1 ? "" : "s"} out of date: run npm run docs`);
  process.exitCode = 1;
}
