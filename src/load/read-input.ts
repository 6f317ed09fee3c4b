import { readFileSync, statSync } from "node:fs";
import { InputError } from "../common/errors.js";
import { fsReason } from "../common/fs-errors.js";

/** Input files larger than this are refused before reading: no model or target is anywhere near it. */
const MAX_INPUT_BYTES = 4 * 1024 * 1024;

/** Reads a text input file, turning every way it can be wrong into one clear InputError. */
export function readInputFile(path: string): string {
  // A control character in a path (a NUL from a hostile file) is shown escaped, not echoed raw to a terminal.
  // eslint-disable-next-line no-control-regex -- control characters are what this looks for
  if (/[\u0000-\u001f\u007f]/.test(path))
    throw new InputError(`${JSON.stringify(path)}: a file path cannot hold control characters`);
  let bytes: Buffer;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new InputError(`${path}: is a directory, expected a file`);
    if (!stat.isFile()) throw new InputError(`${path}: is not a regular file`);
    if (stat.size > MAX_INPUT_BYTES) {
      throw new InputError(
        `${path}: file is ${(stat.size / 1048576).toFixed(1)} MiB, larger than the ${MAX_INPUT_BYTES / 1048576} MiB an input may be`,
      );
    }
    // Inside the try: stat needs no read permission, so an unreadable file fails here (EACCES), not above.
    bytes = readFileSync(path);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new InputError(`${path}: no such file`);
    if (code === "EACCES") throw new InputError(`${path}: permission denied`);
    throw new InputError(`${path}: cannot read: ${fsReason(error)}`);
  }
  if (bytes.includes(0))
    throw new InputError(`${path}: looks like a binary file (contains NUL bytes), expected YAML or CSV text`);
  // Decoding would turn a Latin-1 'é' into U+FFFD silently, and a name or expression with it into nonsense.
  const bad = invalidUtf8At(bytes);
  if (bad >= 0) {
    const line = bytes.subarray(0, bad).filter((b) => b === 0x0a).length + 1;
    throw new InputError(
      `${path}:${line}: not UTF-8 text: byte 0x${bytes[bad]!.toString(16).padStart(2, "0")} at byte offset ${bad} starts no valid UTF-8 character; save the file as UTF-8`,
    );
  }
  const text = bytes.toString("utf8");
  if (text.trim() === "") throw new InputError(`${path}: the file is empty`);
  return text;
}

/** Offset of the first byte that starts no well-formed UTF-8 sequence (RFC 3629, table 3-7 of Unicode), or -1. */
export function invalidUtf8At(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    // Length of the sequence and the range its second byte must fall in (no overlongs, surrogates or > U+10FFFF).
    const [length, low, high] =
      b >= 0xc2 && b <= 0xdf
        ? [2, 0x80, 0xbf]
        : b === 0xe0
          ? [3, 0xa0, 0xbf]
          : b === 0xed
            ? [3, 0x80, 0x9f]
            : b >= 0xe1 && b <= 0xef
              ? [3, 0x80, 0xbf]
              : b === 0xf0
                ? [4, 0x90, 0xbf]
                : b >= 0xf1 && b <= 0xf3
                  ? [4, 0x80, 0xbf]
                  : b === 0xf4
                    ? [4, 0x80, 0x8f]
                    : [0, 0, 0];
    if (length === 0) return i;
    const second = bytes[i + 1];
    if (second === undefined || second < low || second > high) return i;
    for (let j = 2; j < length; j++) if (((bytes[i + j] ?? 0) & 0xc0) !== 0x80) return i;
    i += length;
  }
  return -1;
}
