import { execFileSync } from "node:child_process";

/**
 * Tests import src/ directly; only the few that spawn the bin (test/cli/smoke.test.ts) need dist/. `tsc -b`
 * compiles only when a source changed since the last build (its build info is in dist/): ~0.3 s otherwise.
 * The explorer page's script (dist/explore/bundle.js, which explore and report inline) is bundled afresh
 * once per run: esbuild takes ~0.4 s.
 */
export default function setup(): void {
  execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-b", "tsconfig.json"], { stdio: "inherit" });
  execFileSync(process.execPath, ["scripts/bundle-explorer.mjs"], { stdio: "inherit" });
}
