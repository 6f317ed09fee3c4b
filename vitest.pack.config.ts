import { defineConfig } from "vitest/config";

/** `npm run test:pack`: the packed-tarball test, kept out of `npm test` because it spawns npm (~20 s). */
export default defineConfig({
  test: {
    include: ["test/pack/**/*.test.ts"],
    testTimeout: 180_000,
  },
});
