import { readFileSync, statSync } from "node:fs";
import { InputError } from "../common/errors.js";

/** Input files larger than this are refused before reading: no model or target is anywhere near it. */
const MAX_INPUT_BYTES = 4 * 1024 * 1024;

/** Reads a text input file, turning every way it can be wrong into one clear InputError. */
export function readInputFile(path: string): string {
  let bytes: Buffer;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new InputError(`${path}: is a directory, expected a file`);
    if (!stat.isFile()) throw new InputError(`${path}: is not a regular file`);
    if (stat.size > MAX_INPUT_BYTES) {
      throw new InputError(`${path}: file is ${(stat.size / 1048576).toFixed(1)} MiB, larger than the ${MAX_INPUT_BYTES / 1048576} MiB an input may be`);
    }
    // Inside the try: stat needs no read permission, so an unreadable file fails here (EACCES), not above.
    bytes = readFileSync(path);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new InputError(`${path}: no such file`);
    if (code === "EACCES") throw new InputError(`${path}: permission denied`);
    throw new InputError(`${path}: cannot read (${code ?? String(error)})`);
  }
  if (bytes.includes(0)) throw new InputError(`${path}: looks like a binary file (contains NUL bytes), expected YAML or CSV text`);
  const text = bytes.toString("utf8");
  if (text.trim() === "") throw new InputError(`${path}: the file is empty`);
  return text;
}
