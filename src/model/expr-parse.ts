import type { MathNode } from "mathjs";

/**
 * A parser for the common case of parameter expressions — numbers, parameter names, `+ - * / ^`, parentheses
 * and calls — that builds the same tree as mathjs's `parse` (same node types and fields, same precedence and
 * associativity: `^` binds tighter than unary minus and is right-associative; `*` `/` then `+` `-` are
 * left-associative). Loading mathjs costs most of a CLI run's start-up (≈0.15 s of ≈0.3 s), and every
 * shipped model is in this subset, so mathjs is loaded only for text this parser declines.
 *
 * It returns undefined for anything outside the subset (`%`, implicit multiplication, keywords, strings,
 * units, hex numbers, …) instead of an error: mathjs then parses the text and the allow-list check decides,
 * so every message and every refusal stays mathjs's. A test checks the two parsers give equal trees.
 */
type Token = { kind: "number"; value: number } | { kind: "name"; name: string } | { kind: "punct"; text: string };

const TOKEN = /[ \t]*(?:(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|([-+*/^(),]))/y;
const TRAILING_SPACE = /[ \t]*$/y;

/** Words mathjs reads as operators or constants, not as parameter names. */
const KEYWORDS = new Set([
  "mod",
  "to",
  "in",
  "and",
  "or",
  "xor",
  "not",
  "true",
  "false",
  "null",
  "undefined",
  "NaN",
  "Infinity",
]);

function tokenize(source: string): Token[] | undefined {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.length) {
    TRAILING_SPACE.lastIndex = TOKEN.lastIndex;
    if (TRAILING_SPACE.test(source)) break;
    const match = TOKEN.exec(source);
    if (match === null) return undefined;
    const [, number, name, punct] = match;
    if (number !== undefined) tokens.push({ kind: "number", value: Number(number) });
    else if (name !== undefined) {
      if (KEYWORDS.has(name)) return undefined;
      tokens.push({ kind: "name", name });
    } else tokens.push({ kind: "punct", text: punct! });
  }
  return tokens;
}

class Declined extends Error {}

const BINARY_FN: Readonly<Record<string, string>> = {
  "+": "add",
  "-": "subtract",
  "*": "multiply",
  "/": "divide",
  "^": "pow",
};
const UNARY_FN: Readonly<Record<string, string>> = { "-": "unaryMinus", "+": "unaryPlus" };

/** The tree of `source`, shaped as mathjs's, or undefined when the text is outside the subset. */
export function parseSimple(source: string): MathNode | undefined {
  const tokens = tokenize(source);
  if (tokens === undefined || tokens.length === 0) return undefined;
  let at = 0;
  const punct = (text: string) => {
    const token = tokens[at];
    return token?.kind === "punct" && token.text === text;
  };
  const expect = (text: string) => {
    if (!punct(text)) throw new Declined();
    at++;
  };
  const binary = (ops: readonly string[], operand: () => object) => {
    let node = operand();
    while (ops.some(punct)) {
      const op = (tokens[at++] as { text: string }).text;
      node = { type: "OperatorNode", op, fn: BINARY_FN[op]!, args: [node, operand()] };
    }
    return node;
  };
  const expression = (): object => binary(["+", "-"], term);
  const term = (): object => binary(["*", "/"], unary);
  const unary = (): object => {
    const op = ["-", "+"].find(punct);
    if (op === undefined) return power();
    at++;
    return { type: "OperatorNode", op, fn: UNARY_FN[op]!, args: [unary()] };
  };
  const power = (): object => {
    const base = primary();
    if (!punct("^")) return base;
    at++;
    return { type: "OperatorNode", op: "^", fn: "pow", args: [base, unary()] };
  };
  const primary = (): object => {
    const token = tokens[at++];
    if (token?.kind === "number") return { type: "ConstantNode", value: token.value };
    if (token?.kind === "name") {
      const symbol = { type: "SymbolNode", name: token.name };
      if (!punct("(")) return symbol;
      at++;
      const args = [expression()];
      while (punct(",")) {
        at++;
        args.push(expression());
      }
      expect(")");
      return { type: "FunctionNode", fn: symbol, args };
    }
    if (token?.kind === "punct" && token.text === "(") {
      const content = expression();
      expect(")");
      return { type: "ParenthesisNode", content };
    }
    throw new Declined();
  };
  try {
    const tree = expression();
    return at === tokens.length ? (tree as MathNode) : undefined;
  } catch (error) {
    if (error instanceof Declined) return undefined;
    throw error;
  }
}
