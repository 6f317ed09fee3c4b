import { fstatSync, writeSync } from "node:fs";
import { fsInputError } from "../common/fs-errors.js";
import type { Sink } from "./context.js";

/**
 * Standard output as the CLI writes it. Redirected to a file (`> out.csv`), Node's stream writes each chunk with
 * one write(2) and drops what a full disk did not take, so the command would exit 0 with half a file (and on
 * `/dev/full` it threw with a stack trace): there the bytes are written until all are, and a failure is the
 * user's error naming standard output (exit 2).
 */
export function stdoutSink(): Sink {
  return process.stdout.isTTY === true || !isFileOrDevice(1) ? process.stdout : fileSink(1, "standard output");
}

/** Writes every byte of each chunk to `fd`, or fails with the user's error naming `name`. */
export function fileSink(fd: number, name: string): Sink {
  return {
    write(chunk: string) {
      const bytes = Buffer.from(chunk, "utf8");
      try {
        for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at);
      } catch (error) {
        throw fsInputError(name, error);
      }
      return true;
    },
  };
}

/** A regular file or a device (`> /dev/full`), not a pipe or socket, which Node writes to asynchronously. */
function isFileOrDevice(fd: number): boolean {
  try {
    const stat = fstatSync(fd);
    return stat.isFile() || stat.isCharacterDevice() || stat.isBlockDevice();
  } catch {
    return false;
  }
}
