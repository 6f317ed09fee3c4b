import { Command } from "commander";
import { formatProblem, InputError, type Problem } from "../../common/errors.js";
import { KIND_MARKERS } from "../../common/file-kind.js";
import { withoutNonFinite } from "../../common/show.js";
import { closest } from "../../common/suggest.js";
import { parseYamlSource } from "../../common/yaml-source.js";
import { buildGraph } from "../../graph/build.js";
import { summarizeMacs } from "../../graph/summary.js";
import { parseWithSchema } from "../../common/schema-errors.js";
import { scaleSimCfgSource } from "../../hardware/scalesim-cfg.js";
import { targetSchema } from "../../hardware/schema.js";
import { parseTargetSpec, resolveTarget, toTarget } from "../../hardware/target.js";
import { parseModelSpec, resolveModel } from "../../model/resolve.js";
import { readInputFile } from "../../load/read-input.js";
import { loadSystem } from "../../load/system.js";
import type { CliContext } from "../context.js";
import { addFormatOption } from "../options.js";

/**
 * A kind of input file `validate` checks. A file's kind is read from its content: the validator whose
 * `marker` is one of the file's top-level keys (or, for a misspelt key, the closest one) checks it.
 */
export interface Validator {
  /** What the file is, for messages: "model", "hardware target". */
  readonly kind: string;
  /** The top-level key only a file of this kind has. */
  readonly marker: string;
  /** Every problem of the file, at `file:line:col` and its key path where it has a place; [] when good. */
  check(text: string, fileName: string): Problem[];
}

/**
 * The registry of file kinds: to validate a new kind of file, add its entry here. Each check parses the file
 * as the commands that read it do, and goes on to resolve it, so value rules hold as well as the schema.
 */
export const validators: Validator[] = [
  { kind: "model", marker: KIND_MARKERS.model, check: checkModel },
  {
    kind: "hardware target",
    marker: KIND_MARKERS["hardware target"],
    check: (text, fileName) => problemsOf(() => resolveTarget(parseTargetSpec(text, fileName))),
  },
  // A system's units name target files relative to it: it is loaded from its path, every unit with it.
  { kind: "system", marker: KIND_MARKERS.system, check: (_text, fileName) => problemsOf(() => loadSystem(fileName)) },
];

export function validateCommand(ctx: CliContext): Command {
  const command = new Command("validate")
    .description("check model, hardware target and system files: every problem with its file:line:col, or `ok <file>`")
    .argument(
      "<files...>",
      "model (models/*.yaml), hardware target (hardware/*.yaml), system (hardware/systems/*.yaml) or SCALE-Sim .cfg files",
    )
    .addHelpText(
      "after",
      "\nExamples:\n  npx accel-sizer validate models/*.yaml hardware/*.yaml hardware/systems/*.yaml\n  npx accel-sizer validate --format json hardware/*.yaml",
    );
  addFormatOption(command, ["text", "json"], "text");
  return command.action((files: string[], options: { format: "text" | "json" }) => {
    const checked = files.map((file) => ({ file, problems: validateProblems(file) }));
    const failed = checked.filter((c) => c.problems.length > 0).length;
    if (options.format === "json") {
      const record = checked.map(({ file, problems }) => ({ file, ok: problems.length === 0, problems }));
      ctx.io.stdout.write(`${withoutNonFinite(JSON.stringify({ files: record }, null, 2))}\n`);
    } else {
      for (const { file, problems } of checked) {
        if (problems.length === 0) ctx.io.stdout.write(`ok ${file}\n`);
        for (const problem of problems) ctx.io.stderr.write(`${withoutNonFinite(formatProblem(problem))}\n`);
      }
    }
    if (failed > 0) {
      throw new InputError(`${failed} of ${files.length} ${files.length === 1 ? "file has" : "files have"} problems`);
    }
  });
}

/** Every problem of one file, each line starting with the file's name; [] when the file is good. */
export function validateFile(path: string): string[] {
  return validateProblems(path).map(formatProblem);
}

/** Every problem of one file, each naming the file (as its source, or as the context); [] when the file is good. */
export function validateProblems(path: string): Problem[] {
  let problems: Problem[] = [];
  const unreadable = problemsOf(() => {
    const text = readInputFile(path);
    problems = path.toLowerCase().endsWith(".cfg")
      ? problemsOf(() => toTarget(parseWithSchema(targetSchema, scaleSimCfgSource(text, path))))
      : validatorFor(text, path).check(text, path);
  });
  return notYaml(
    path,
    [...unreadable, ...problems].map((p) =>
      formatProblem(p).startsWith(path)
        ? p
        : p.source === undefined && p.context === undefined
          ? { ...p, source: path }
          : { ...p, context: [path, ...(p.context ?? [])] },
    ),
  );
}

/**
 * A file YAML cannot read that is not named .yaml/.yml (README.md, a CSV) is one line, not the tokenizer's
 * complaint about every line of it; a real .yaml file keeps its first syntax errors and a count of the rest.
 */
function notYaml(path: string, problems: Problem[]): Problem[] {
  const syntax = problems.filter((p) => formatProblem(p).includes(": YAML syntax error: "));
  if (syntax.length === 0) return problems;
  const first = /^:(\d+):(\d+): YAML syntax error: (.*)$/.exec(formatProblem(syntax[0]!).slice(path.length));
  if (!/\.ya?ml$/i.test(path)) {
    const where = first === null ? "" : `: line ${first[1]}, column ${first[2]}: ${first[3]}`;
    return [{ code: "input", source: path, message: `not a YAML file${where}; give a model or target .yaml` }];
  }
  const shown = 3;
  return syntax.length <= shown
    ? problems
    : [
        ...syntax.slice(0, shown),
        { code: "input", source: path, message: `… and ${syntax.length - shown} more YAML syntax errors` },
      ];
}

function validatorFor(text: string, fileName: string): Validator {
  const source = parseYamlSource(text, fileName);
  const kinds = validators.map((v) => `'${v.marker}' (a ${v.kind})`).join(" or ");
  const data = source.data;
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new InputError(`${source.locate([])}: (top level): expected a mapping with top-level ${kinds}`);
  }
  const keys = Object.keys(data);
  const exact = validators.find((v) => keys.includes(v.marker));
  if (exact !== undefined) return exact;
  const markers = validators.map((v) => v.marker);
  for (const key of keys) {
    const near = closest(key, markers);
    if (near !== undefined) return validators.find((v) => v.marker === near)!;
  }
  throw new InputError(`${source.locate([])}: (top level): not a file accel-sizer knows: expected top-level ${kinds}`);
}

/** A model's problems: its schema, then its values (every component), then its graph and exact MAC totals. */
function checkModel(text: string, fileName: string): Problem[] {
  return problemsOf(() => summarizeMacs(buildGraph(resolveModel(parseModelSpec(text, fileName)))));
}

/** Runs a check: the problems of the InputError it throws, or none; any other error is ours and goes on. */
function problemsOf(run: () => unknown): Problem[] {
  try {
    run();
    return [];
  } catch (error) {
    if (error instanceof InputError) return [...error.details];
    throw error;
  }
}
