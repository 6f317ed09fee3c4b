import { execFileSync } from "node:child_process";

/** CLI tests spawn dist/cli/main.js: compile once before any test so they never run a stale build. */
export default function setup(): void {
  execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.json"], { stdio: "inherit" });
}
