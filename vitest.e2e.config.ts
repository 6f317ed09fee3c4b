import { defineConfig } from "vitest/config";

/**
 * `npm run test:e2e`: the slow, whole-system tests kept out of `npm test` so that it stays under a minute on
 * two cores: real-browser page tests (Chromium), the README's commands run as printed and its blocks checked
 * against what they print now, and the packed tarball installed in a scratch project (it spawns npm).
 * `.ci/run` runs both suites.
 */
export default defineConfig({
  test: {
    include: [
      "test/**/browser.test.ts",
      "test/cli/readme-commands.test.ts",
      "test/docs/**/*.test.ts",
      "test/pack/**/*.test.ts",
    ],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 180_000,
  },
});
