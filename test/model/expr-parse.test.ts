import fc from "fast-check";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { parseSimple } from "../../src/model/expr-parse.js";

/** The parser the fast one stands in for, loaded as src/model/expr.ts loads it. */
const mathjs = createRequire(import.meta.url)("mathjs/lib/browser/math.js") as typeof import("mathjs");

/** The fields check() in src/model/expr.ts reads, from either parser's tree. */
function shape(node: unknown): unknown {
  const n = node as {
    type: string;
    op?: string;
    fn?: unknown;
    name?: string;
    value?: unknown;
    args?: unknown[];
    content?: unknown;
  };
  return {
    type: n.type,
    ...(n.op !== undefined && { op: n.op }),
    ...(n.fn !== undefined && { fn: typeof n.fn === "string" ? n.fn : shape(n.fn) }),
    ...(n.type === "SymbolNode" && { name: n.name }),
    ...(n.type === "ConstantNode" && { value: n.value }),
    ...(n.args !== undefined && { args: n.args.map(shape) }),
    ...(n.content !== undefined && { content: shape(n.content) }),
  };
}

function mathjsShape(source: string): unknown {
  try {
    return shape(mathjs.parse(source));
  } catch {
    return "parse error";
  }
}

const space = fc.constantFrom("", " ", "  ", "\t");
const name = fc.constantFrom("x", "hidden", "heads", "a1", "_k", "ceil", "max", "pi", "e");
const number = fc.constantFrom("0", "2", "64", "010", "1.5", "0.25", "2e3", "1E-2", "1e999");

/** Expressions of the subset, with random spacing, parenthesised by the generator where it nests. */
const expression = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    number,
    name,
    fc.tuple(tie("expr"), space, fc.constantFrom("+", "-", "*", "/", "^"), space, tie("expr")).map((p) => p.join("")),
    fc.tuple(fc.constantFrom("-", "+"), space, tie("expr")).map((p) => p.join("")),
    tie("expr").map((e) => `(${e})`),
    fc
      .tuple(name, fc.array(tie("expr"), { minLength: 1, maxLength: 3 }))
      .map(([f, args]) => `${f}(${args.join(", ")})`),
  ),
})).expr;

describe("parseSimple", () => {
  it("builds mathjs's tree for every expression of its subset", () => {
    fc.assert(
      fc.property(expression, (source) => {
        const tree = parseSimple(source);
        expect(tree, source).toBeDefined();
        expect(shape(tree)).toEqual(mathjsShape(source));
      }),
      { numRuns: 400 },
    );
  });

  it("never accepts text that mathjs reads differently or refuses (random token soup)", () => {
    const token = fc.constantFrom(
      "x",
      "2",
      "1.5",
      "+",
      "-",
      "*",
      "/",
      "^",
      "(",
      ")",
      ",",
      " ",
      "ceil",
      "%",
      ".",
      "e",
      "mod",
      "!",
      "'",
    );
    fc.assert(
      fc.property(
        fc.array(token, { maxLength: 12 }).map((t) => t.join("")),
        (source) => {
          const tree = parseSimple(source);
          if (tree !== undefined) expect(shape(tree), source).toEqual(mathjsShape(source));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it.each([
    "",
    " ",
    "2x",
    "2 x",
    "(a)(b)",
    "a % b",
    "50%",
    "a mod b",
    "0x10",
    ".5",
    "1.",
    "true",
    "NaN",
    "Infinity",
    "not a",
    "f(x) = x",
    "a = 1",
    "a.b",
    "a[1]",
    "[1, 2]",
    '"s"',
    "a ? b : c",
    "a == b",
    "ceil()",
    "a\nb",
    "a; b",
    "2!",
    "a'",
    "5 cm",
    "a.^2",
  ])("declines %j (mathjs parses it, and the allow-list decides)", (source) => {
    expect(parseSimple(source)).toBeUndefined();
  });
});
