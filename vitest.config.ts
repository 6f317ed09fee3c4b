import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Browser, README and packed-tarball tests are `npm run test:e2e` (vitest.e2e.config.ts).
    exclude: [
      "test/pack/**",
      "test/**/browser.test.ts",
      "test/cli/readme-commands.test.ts",
      "test/docs/**",
      "node_modules/**",
    ],
    globalSetup: ["test/global-setup.ts"],
    // Test files share each worker's loaded modules instead of loading zod, yaml and our code afresh per file:
    // about 40% less CPU for the suite. Files must therefore leave no state behind (test/cli/run.ts restores
    // the working folder; patch builtins only for the duration of a test, never with vi.mock at file level).
    isolate: false,
    // Vitest's default is one worker fewer than the cores: on two cores, one. Two workers there took the suite
    // from ~55 s to ~37 s wall (1,058 tests, load average ~2: another job on the machine).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 60_000,
  },
});
