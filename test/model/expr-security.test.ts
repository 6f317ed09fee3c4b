import { afterAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/common/errors.js";
import { compileExpr, ExprError } from "../../src/model/expr.js";
import { resolveParams } from "../../src/model/params.js";

/**
 * Payloads from mathjs's security page and advisories (function constructors reached through properties,
 * import/createUnit/evaluate overriding the parser, typed-function and config tampering) and the node kinds a
 * dimension formula has no use for. Each must be refused with a message; none may run.
 */
const scope = new Map([
  ["x", 3],
  ["a", 2],
  ["hidden", 960],
  ["heads", 15],
]);

function evaluate(source: string): number {
  return compileExpr(source).evaluate(scope);
}

const refused: readonly (readonly [payload: string, message: string])[] = [
  // Functions that reach mathjs itself.
  ["import({}, {override: true})", "function 'import' is not allowed"],
  ["import({cos: 1}, {override: true})", "function 'import' is not allowed"],
  ['createUnit("x")', "function 'createUnit' is not allowed"],
  ['createUnit("foo", "1 cm")', "function 'createUnit' is not allowed"],
  ['evaluate("1+1")', "function 'evaluate' is not allowed"],
  ['parse("1").compile()', "is not allowed"],
  ['compile("1")', "function 'compile' is not allowed"],
  ['simplify("x")', "function 'simplify' is not allowed"],
  ['derivative("x^2", "x")', "function 'derivative' is not allowed"],
  ["chain(1)", "function 'chain' is not allowed"],
  ["config({})", "function 'config' is not allowed"],
  ['config({number: "BigNumber"})', "function 'config' is not allowed"],
  ['typed("f", {"number": f})', "function 'typed' is not allowed"],
  ['resolve(parse("x"), {x: 1})', "function 'resolve' is not allowed"],
  ["help(cos)", "function 'help' is not allowed"],
  ["map([1, 2], cos)", "function 'map' is not allowed"],
  ['unit("5 cm")', "function 'unit' is not allowed"],
  ['bignumber("1")', "function 'bignumber' is not allowed"],
  ["format(1)", "function 'format' is not allowed"],
  ['print("$a", {a: 1})', "function 'print' is not allowed"],
  ['eval("1")', "function 'eval' is not allowed"],
  ['Function("return process")()', "cannot parse expression"],
  ['Function("return process")', "function 'Function' is not allowed"],
  ["sin(1)", "function 'sin' is not allowed"],
  // Function constructors reached through properties (the classic mathjs escapes).
  ['cos.constructor("return process")()', "cannot parse expression"],
  ['cos.constructor("return process")', "function 'cos.constructor' is not allowed"],
  ['[].map.constructor("return process")()', "cannot parse expression"],
  ['[].map.constructor("return process")', "function '[].map.constructor' is not allowed"],
  ['ceil["constructor"]("return process")', "is not allowed"],
  ["ceil.constructor", "property or index access is not allowed"],
  ["ceil.apply(null, [1])", "function 'ceil.apply' is not allowed"],
  ["a.b", "property or index access is not allowed"],
  ['a["constructor"]', "property or index access is not allowed"],
  ["a[1]", "property or index access is not allowed"],
  // Definitions and assignments.
  ["f(x) = x", "a function definition is not allowed"],
  ['f(x) = cos.constructor("return process")()', "cannot parse expression"],
  ["a = 1", "assignment is not allowed"],
  ["a.b = 1", "assignment is not allowed"],
  ["x = 1; x", "a block of several expressions is not allowed"],
  ["1; 2", "a block of several expressions is not allowed"],
  // Values that are not plain numbers.
  ['"abc"', 'only finite numbers are allowed as constants, found "abc"'],
  ["'abc'", "only finite numbers are allowed as constants"],
  ["true", "only finite numbers are allowed as constants, found true"],
  ["null", "only finite numbers are allowed as constants, found null"],
  ["Infinity", "only finite numbers are allowed as constants, found a value that is not a finite number"],
  ["NaN", "only finite numbers are allowed as constants, found a value that is not a finite number"],
  ["undefined", "only finite numbers are allowed as constants, found undefined"],
  ["1e400", "only finite numbers are allowed as constants, found a value that is not a finite number"],
  ["{a: 1}", "an object literal is not allowed"],
  ["[1, 2]", "a matrix or array is not allowed"],
  ["[1, 2; 3, 4]", "a matrix or array is not allowed"],
  ["1:3", "a range is not allowed"],
  ["x ? 1 : 2", "a conditional is not allowed"],
  ["1 < x < 3", "a comparison is not allowed"],
  // Operators beyond + - * / ^ %.
  ["x == 2", "operator '==' is not allowed"],
  ["x > 2", "operator '>' is not allowed"],
  ["5!", "operator '!' is not allowed"],
  ["x'", "operator ''' is not allowed"],
  ["x and 1", "operator 'and' is not allowed"],
  ["not x", "operator 'not' is not allowed"],
  ["x | 1", "operator '|' is not allowed"],
  ["x << 1", "operator '<<' is not allowed"],
  ["x .* 2", "operator '.*' is not allowed"],
  ["5 cm to inch", "operator 'to' is not allowed"],
  // Units and mathjs constants are not known: they are names, and no parameter has them.
  ["5 cm", "unknown parameter 'cm'"],
  ["2 inch", "unknown parameter 'inch'"],
  ["pi", "unknown parameter 'pi'"],
  ["e", "unknown parameter 'e'"],
  ["i", "unknown parameter 'i'"],
  // Names on Object.prototype are not parameters: the scope is a Map.
  ["constructor", "unknown parameter 'constructor'"],
  ["__proto__", "unknown parameter '__proto__'"],
  ["toString", "unknown parameter 'toString'"],
  ["hasOwnProperty(1)", "function 'hasOwnProperty' is not allowed"],
  ["toString()", "function 'toString' is not allowed"],
  // Syntax errors and size.
  ["1 +", "cannot parse expression"],
  ["(((1)", "cannot parse expression"],
  [`${"1 + ".repeat(200)}1`, "expression longer than 500 characters"],
  // Math.sqrt(16, 9) is 4: JavaScript drops the extra argument, so a typo would pass as a number.
  ["sqrt(16, 9)", "sqrt() takes 1 argument, given 2"],
  ["pow(2)", "pow() takes 2 arguments, given 1"],
  ["max()", "max() takes at least 1 argument, given 0"],
  ["ceil()", "ceil() takes 1 argument, given 0"],
  ["round(2.5, 1)", "round() takes 1 argument, given 2"],
];

/** Expressions that parse and pass the allow-list but have no finite value: refused when resolved. */
const notFinite = ["sqrt(-1)", "1 / 0", "0 / 0", "x % 0", "2^2000", "log2(0)", "exp(1000)", "pow(10, 400)"];

const allowed: readonly (readonly [expression: string, value: number])[] = [
  ["ceil(960 / 64)", 15],
  ["max(1, 2)", 2],
  ["2^10", 1024],
  ["log2(1024)", 10],
  ["log10(1000)", 3],
  ["hidden / heads", 64],
  ["x * 64 + 49", 241],
  ["(1 + 2) * 3", 9],
  ["2 x", 6],
  ["7 % 3", 1],
  ["-7 % 3", 2],
  ["7 mod 3", 1],
  ["floor(10 / 3)", 3],
  ["round(2.5)", 3],
  ["min(3, 1, 2)", 1],
  ["abs(-4)", 4],
  ["sqrt(16)", 4],
  ["pow(2, 3)", 8],
  ["exp(0)", 1],
  ["-x", -3],
  ["+x", 3],
  ["1e3", 1000],
  ["0x10", 16],
];

describe("parameter expressions refuse mathjs injection payloads", () => {
  afterAll(() => {
    // Nothing ran: no global appeared, and mathjs's own functions were not overridden.
    expect((globalThis as Record<string, unknown>).pwned).toBeUndefined();
    expect(evaluate("ceil(1.5)")).toBe(2);
  });

  it.each(refused)("refuses %s", (payload, message) => {
    let thrown: unknown;
    try {
      evaluate(payload);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ExprError);
    expect((thrown as Error).message).toContain(message);
  });

  it.each(refused)("refuses %s in a model parameter with an InputError naming it", (payload) => {
    const resolve = () => resolveParams({ width: payload }, new Map(), (name) => `model.yaml:3:10: params.${name}`);
    expect(resolve).toThrow(InputError);
    expect(resolve).toThrow(/^model\.yaml:3:10: params\.width: /);
  });

  it.each(notFinite)("refuses %s, which has no finite value, naming the parameter", (expression) => {
    const resolve = () => resolveParams({ x: 3, width: expression }, new Map(), (name) => `params.${name}`);
    expect(resolve).toThrow(InputError);
    expect(resolve).toThrow(/params\.width: parameter 'width'/);
  });

  it("runs nothing a payload carries", () => {
    for (const payload of [
      'cos.constructor("globalThis.pwned = 1")()',
      '[].map.constructor("globalThis.pwned = 1")()',
      "import({pwned: 1}, {override: true})",
    ]) {
      expect(() => evaluate(payload)).toThrow(ExprError);
    }
    expect((globalThis as Record<string, unknown>).pwned).toBeUndefined();
  });
});

describe("parameter expressions evaluate dimension arithmetic", () => {
  it.each(allowed)("%s = %d", (expression, value) => {
    expect(evaluate(expression)).toBe(value);
  });

  it("lists the parameters an expression reads", () => {
    expect([...compileExpr("ceil(hidden / heads) + x * 2").symbols].sort()).toEqual(["heads", "hidden", "x"]);
  });
});
