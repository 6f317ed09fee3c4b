// Bundles the explorer page (src/explore/page.ts and the engine it imports) into one browser script,
// dist/explore/bundle.js, which report/document/explorer-html.ts inlines into explorer.html, and gives the CLI its run
// bit (tsc writes dist/cli/bin.js without it: after a clean build `npx accel-sizer` said "Permission denied").
// Run by `npm run build` and by the tests' global setup, after tsc.
import { chmodSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";

// expr.ts loads mathjs's single-file build lazily through node:module's createRequire (see its comment); in
// the page that module is this stand-in, which hands over the same file, bundled.
const mathjsForTheBrowser = {
  name: "mathjs-for-the-browser",
  setup(b) {
    b.onResolve({ filter: /^node:module$/ }, () => ({ path: "node-module", namespace: "explorer-shim" }));
    b.onLoad({ filter: /.*/, namespace: "explorer-shim" }, () => ({
      contents: `import mathjs from "mathjs/lib/browser/math.js"; export function createRequire() { return () => mathjs; }`,
      resolveDir: process.cwd(),
    }));
  },
};

// zod re-exports all its ~50 message locales as `z.locales` (a third of the page's size); the library never
// picks one but English, which zod registers itself, so the page carries only that.
const englishOnly = {
  name: "zod-english-only",
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => ({
      path: join(args.resolveDir, "../locales/en.js"),
      namespace: "zod-locales",
    }));
    b.onLoad({ filter: /.*/, namespace: "zod-locales" }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: process.cwd(),
    }));
  },
};

await build({
  entryPoints: ["src/explore/page.ts"],
  outfile: "dist/explore/bundle.js",
  bundle: true,
  format: "iife",
  platform: "browser",
  target: "es2022",
  minify: true,
  legalComments: "none",
  logLevel: "warning",
  // Only expr.ts reads import.meta.url, for createRequire, which the stand-in ignores.
  define: { "import.meta.url": '""' },
  plugins: [mathjsForTheBrowser, englishOnly],
});

chmodSync("dist/cli/bin.js", 0o755);
