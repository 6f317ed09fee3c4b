#!/usr/bin/env node
import { main } from "./main.js";
import { stdoutSink } from "./stdout.js";
import { fsReason } from "../common/fs-errors.js";

// `accel-sizer graph … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  process.stderr.write(`error: standard output: ${fsReason(error)}\n`);
  process.exit(2);
});

process.exitCode = await main(process.argv.slice(2), {
  stdout: stdoutSink(),
  stderr: process.stderr,
  env: process.env,
});
