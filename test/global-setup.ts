import { execFileSync } from "node:child_process";

/**
 * Tests import src/ directly; only the few that spawn the bin (test/cli/smoke.test.ts) need dist/. This
 * compiles it only when a source is newer than the last build (a no-op run takes ~0.1 s).
 */
export default function setup(): void {
  execFileSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });
}
