import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The packed-tarball test spawns npm; `npm run test:pack` runs it (vitest.pack.config.ts).
    exclude: ["test/pack/**", "node_modules/**"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 60_000,
  },
});
