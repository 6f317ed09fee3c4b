// `npm run lint`: typescript-eslint's recommended rules over the sources, tests and scripts (syntactic only: the
// type-aware rules would double the time on two cores), then Prettier's check of the same files' layout.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/** What Node and the browser define, for the plain .mjs scripts (TypeScript checks the .ts files' names itself). */
const SCRIPT_GLOBALS = Object.fromEntries(
  [
    "console",
    "process",
    "performance",
    "Buffer",
    "URL",
    "URLSearchParams",
    "setTimeout",
    "clearTimeout",
    "document",
    "window",
    "Event",
    "CSS",
    "requestAnimationFrame",
    "structuredClone",
  ].map((name) => [name, "readonly"]),
);

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "reports/", "coverage/", "scripts/.tmp-*"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // Unused arguments and variables named with a leading _ are deliberate (a callback's position).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
    },
  },
  // tsc resolves every name in the TypeScript; no-undef would only repeat it, without the types.
  { files: ["**/*.ts"], rules: { "no-undef": "off" } },
  { files: ["**/*.mjs", "**/*.js"], languageOptions: { globals: SCRIPT_GLOBALS } },
);
