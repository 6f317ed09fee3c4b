import { spawnSync } from "node:child_process";
import { main } from "../../src/cli/main.js";

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliRunOptions {
  /** Working folder for the run; relative paths in `args` are read from it. */
  readonly cwd?: string;
  /** Environment the command sees (it never sees the test process's own). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * Runs the CLI in this process, as a user would (no TTY, CI set so no progress bars), with standard output
 * and error captured. Use this for every CLI test; spawnCli is for the few smoke tests of the built bin.
 */
export async function runCli(args: readonly string[], options: CliRunOptions = {}): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const io = {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    env: options.env ?? { CI: "true" },
  };
  // Vitest runs each test file in its own forked process (the default pool; see vitest.config.ts) and the
  // tests of a file one at a time, so changing this process's working folder for one run is safe.
  const previous = process.cwd();
  if (options.cwd !== undefined) process.chdir(options.cwd);
  try {
    const code = await main(args, io);
    return { code, stdout, stderr };
  } finally {
    process.chdir(previous);
  }
}

/** Runs the built bin (dist/cli/bin.js) as a separate process; test/global-setup.ts keeps dist/ current. */
export function spawnCli(args: readonly string[], options: CliRunOptions = {}): CliRun {
  const result = spawnSync(process.execPath, [`${process.cwd()}/dist/cli/bin.js`, ...args], {
    cwd: options.cwd ?? process.cwd(),
    encoding: "utf8",
    env: { ...process.env, CI: "true", ...options.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
