import { createRequire } from "node:module";
import { NOT_FINITE } from "../common/show.js";
import type { MathNode } from "mathjs";
import { didYouMean } from "../common/suggest.js";
import { parseSimple } from "./expr-parse.js";

/**
 * mathjs's `parse`, loaded on first use: only text outside parseSimple's subset needs it. Its single-file
 * bundle loads in ~0.1 s where its ESM entry (a thousand modules) takes ~1 s. Only `parse` is used.
 */
const require = createRequire(import.meta.url);
function parseWithMathjs(source: string): MathNode {
  const mathjs = require("mathjs/lib/browser/math.js") as typeof import("mathjs");
  return mathjs.parse(source);
}

/**
 * Parameter expressions. mathjs is used only as a parser: the tree it returns is checked against a short
 * allow-list of node kinds and functions and then evaluated here, over plain numbers. Nothing in a model
 * file can reach mathjs's own evaluate, import, createUnit or any JavaScript object, so a hostile file can
 * produce an error but never execution.
 */
export type Expr = number | string;

/** A checked expression: its parse tree and the parameter names it reads. */
export interface CompiledExpr {
  readonly source: string;
  readonly symbols: readonly string[];
  evaluate(scope: ReadonlyMap<string, number>): number;
}

export class ExprError extends Error {}

const FUNCTIONS: Readonly<Record<string, (...args: number[]) => number>> = {
  ceil: Math.ceil,
  floor: Math.floor,
  round: Math.round,
  min: Math.min,
  max: Math.max,
  abs: Math.abs,
  sqrt: Math.sqrt,
  log2: Math.log2,
  log10: Math.log10,
  exp: Math.exp,
  pow: Math.pow,
};

const BINARY: Readonly<Record<string, (a: number, b: number) => number>> = {
  add: (a, b) => a + b,
  subtract: (a, b) => a - b,
  multiply: (a, b) => a * b,
  divide: (a, b) => a / b,
  pow: (a, b) => a ** b,
  mod: (a, b) => a - b * Math.floor(a / b),
};

const UNARY: Readonly<Record<string, (a: number) => number>> = {
  unaryMinus: (a) => -a,
  unaryPlus: (a) => a,
};

/** The longest expression accepted; longer text is not a dimension formula. */
const MAX_EXPRESSION_LENGTH = 500;

export const ALLOWED_FUNCTIONS: readonly string[] = Object.keys(FUNCTIONS);

/** Arguments each function takes: JavaScript's Math ignores extra ones, so `sqrt(16, 9)` would be 4, silently. */
const ARITY: Readonly<Record<string, { min: number; max: number }>> = {
  min: { min: 1, max: Infinity },
  max: { min: 1, max: Infinity },
  pow: { min: 2, max: 2 },
};

function arityOf(name: string): { min: number; max: number } {
  return ARITY[name] ?? { min: 1, max: 1 };
}

function describeArity({ min, max }: { min: number; max: number }): string {
  if (min === max) return `${min} argument${min === 1 ? "" : "s"}`;
  return max === Infinity ? `at least ${min} argument${min === 1 ? "" : "s"}` : `${min} to ${max} arguments`;
}

export function compileExpr(source: string): CompiledExpr {
  if (source.length > MAX_EXPRESSION_LENGTH) {
    throw new ExprError(`expression longer than ${MAX_EXPRESSION_LENGTH} characters`);
  }
  let tree: MathNode;
  try {
    tree = parseSimple(source) ?? parseWithMathjs(source);
  } catch (error) {
    throw new ExprError(`cannot parse expression '${source}': ${(error as Error).message}`);
  }
  const symbols = new Set<string>();
  const evaluateNode = check(tree, symbols);
  return {
    source,
    symbols: [...symbols],
    evaluate: (scope) => evaluateNode(scope),
  };
}

type Evaluator = (scope: ReadonlyMap<string, number>) => number;

/** Verifies one node against the allow-list and returns a closure that evaluates it. */
function check(node: MathNode, symbols: Set<string>): Evaluator {
  switch (node.type) {
    case "ConstantNode": {
      const value = (node as unknown as { value: unknown }).value;
      if (typeof value !== "number" || !Number.isFinite(value)) {
        const shown = typeof value === "number" ? `a value that is ${NOT_FINITE}` : JSON.stringify(value);
        throw new ExprError(`only finite numbers are allowed as constants, found ${shown}`);
      }
      return () => value;
    }
    case "SymbolNode": {
      const name = (node as unknown as { name: string }).name;
      symbols.add(name);
      return (scope) => {
        const value = scope.get(name);
        if (value === undefined) {
          throw new ExprError(`unknown parameter '${name}'${didYouMean(name, scope.keys())}`);
        }
        return value;
      };
    }
    case "ParenthesisNode":
      return check((node as unknown as { content: MathNode }).content, symbols);
    case "OperatorNode": {
      const { fn, args, op } = node as unknown as { fn: string; args: MathNode[]; op: string };
      const checked = args.map((a) => check(a, symbols));
      if (checked.length === 2 && Object.hasOwn(BINARY, fn)) {
        const f = BINARY[fn]!;
        const [a, b] = checked as [Evaluator, Evaluator];
        return (scope) => f(a(scope), b(scope));
      }
      if (checked.length === 1 && Object.hasOwn(UNARY, fn)) {
        const f = UNARY[fn]!;
        const [a] = checked as [Evaluator];
        return (scope) => f(a(scope));
      }
      throw new ExprError(`operator '${op}' is not allowed (allowed: + - * / ^ %)`);
    }
    case "FunctionNode": {
      const { fn, args } = node as unknown as { fn: MathNode; args: MathNode[] };
      const name = fn.type === "SymbolNode" ? (fn as unknown as { name: string }).name : undefined;
      const f = name === undefined ? undefined : Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
      if (f === undefined) {
        throw new ExprError(
          `function '${name ?? fn.toString()}' is not allowed (allowed: ${ALLOWED_FUNCTIONS.join(", ")})`,
        );
      }
      const arity = arityOf(name!);
      if (args.length < arity.min || args.length > arity.max) {
        throw new ExprError(`${name}() takes ${describeArity(arity)}, given ${args.length}`);
      }
      const checked = args.map((a) => check(a, symbols));
      return (scope) => f(...checked.map((c) => c(scope)));
    }
    default:
      throw new ExprError(`${describeNode(node.type)} is not allowed in a parameter expression`);
  }
}

function describeNode(type: string): string {
  const names: Record<string, string> = {
    AssignmentNode: "assignment",
    FunctionAssignmentNode: "a function definition",
    AccessorNode: "property or index access",
    IndexNode: "property or index access",
    ObjectNode: "an object literal",
    ArrayNode: "a matrix or array",
    BlockNode: "a block of several expressions",
    RangeNode: "a range",
    ConditionalNode: "a conditional",
    RelationalNode: "a comparison",
  };
  return names[type] ?? `'${type}'`;
}
