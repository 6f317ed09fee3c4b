import { closeSync, existsSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fileSink } from "../../src/cli/stdout.js";
import { InputError } from "../../src/common/errors.js";

describe("standard output redirected to a file or device", () => {
  it.skipIf(!existsSync("/dev/full"))(
    "a full disk is the user's error naming standard output, not a half-written file and exit 0",
    () => {
      const fd = openSync("/dev/full", "w");
      try {
        const sink = fileSink(fd, "standard output");
        expect(() => sink.write("target,component\n")).toThrow(InputError);
        expect(() => sink.write("x")).toThrow("standard output: no space left on device (ENOSPC)");
      } finally {
        closeSync(fd);
      }
    },
  );

  it("writes every byte of a large chunk", () => {
    const path = join(tmpdir(), `accel-sizer-stdout-${process.pid}.txt`);
    const fd = openSync(path, "w");
    const text = "é,1234567890\n".repeat(100_000);
    try {
      fileSink(fd, "standard output").write(text);
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(path, "utf8")).toBe(text);
    rmSync(path);
  });
});
