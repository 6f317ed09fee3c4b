#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { targetJsonSchema } from "../hardware/json-schema.js";
import { modelJsonSchema } from "../model/json-schema.js";
import { systemJsonSchema } from "../hardware/system-json-schema.js";
import { writeFileAtomic } from "../report/output/report-write.js";

/**
 * Writes the JSON Schemas the shipped YAML files point their editors at, generated from the zod schemas so
 * they cannot drift (a test compares the committed files with these). After changing a schema:
 * `npm run build && node dist/cli/write-schemas.js`; with `--check`, only reports stale files (exit 1).
 */
export interface SchemaFile {
  /** Path from the package root. */
  readonly path: string;
  readonly schema: unknown;
}

export function schemaFiles(): SchemaFile[] {
  return [
    { path: "models/schema.json", schema: modelJsonSchema() },
    { path: "hardware/schema.json", schema: targetJsonSchema() },
    { path: "hardware/systems/schema.json", schema: systemJsonSchema() },
  ];
}

export function schemaText(schema: unknown): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

/** The package root: this file is src/cli/ (tests) or dist/cli/ (the build), two levels down. */
const root = fileURLToPath(new URL("../../", import.meta.url));

function main(argv: readonly string[]): number {
  const check = argv.includes("--check");
  let stale = 0;
  for (const { path, schema } of schemaFiles()) {
    const text = schemaText(schema);
    let current: string | undefined;
    try {
      current = readFileSync(`${root}${path}`, "utf8");
    } catch {
      current = undefined;
    }
    if (current === text) continue;
    if (check) {
      stale++;
      process.stderr.write(`${path} is out of date: run node dist/cli/write-schemas.js\n`);
    } else {
      writeFileAtomic(`${root}${path}`, text);
      process.stdout.write(`wrote ${path}\n`);
    }
  }
  return stale > 0 ? 1 : 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
