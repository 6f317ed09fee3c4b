import fc from "fast-check";

/** Random mutations of a YAML file's text, shared by the model and target fuzz tests. */
/** Text that breaks YAML, the schema, expressions or value rules in different ways. */
export const junk = fc.oneof(
  fc.constantFrom(
    "-1",
    "0",
    "1.5",
    "1e400",
    "-1e400",
    "NaN",
    ".nan",
    ".inf",
    "-.inf",
    "2^53",
    "2^60",
    "9007199254740993",
    "1/0",
    "0/0",
    "0x1F",
    "1e9",
    "null",
    "~",
    "true",
    "''",
    '"x"',
    "[1]",
    "{a: 1}",
    "[",
    "{",
    "*a",
    "&a 1",
    "!!binary aGk=",
    "---",
    ":",
    "- ",
    "|",
    ">",
    "#",
    "\t",
    "import({})",
    "cos.constructor",
    "f(x)=x",
    "a = 1",
    "1:3",
    "x ? 1 : 2",
    "5 cm",
    "tokens",
    "tokens * 0",
    "hidden / 7",
    "layers ^ 9",
    "max()",
    "sqrt(-1)",
    "__proto__",
    "constructor",
  ),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: "binary", maxLength: 6 }),
  fc.integer().map(String),
  fc.double().map(String),
);

export type Mutation =
  | { kind: "delete" | "duplicate"; line: number }
  | { kind: "swap"; line: number; other: number }
  | { kind: "number"; which: number; junk: string }
  | { kind: "insert"; at: number; junk: string };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom("delete" as const, "duplicate" as const), line: fc.nat() }),
  fc.record({ kind: fc.constant("swap" as const), line: fc.nat(), other: fc.nat() }),
  fc.record({ kind: fc.constant("number" as const), which: fc.nat(), junk }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), junk }),
);

export function mutate(text: string, m: Mutation): string {
  const lines = text.split("\n");
  switch (m.kind) {
    case "delete":
      lines.splice(m.line % lines.length, 1);
      return lines.join("\n");
    case "duplicate": {
      const i = m.line % lines.length;
      lines.splice(i, 0, lines[i]!);
      return lines.join("\n");
    }
    case "swap": {
      const i = m.line % lines.length;
      const j = m.other % lines.length;
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      return lines.join("\n");
    }
    case "number": {
      const numbers = [...text.matchAll(/\d+(\.\d+)?/g)];
      const hit = numbers[m.which % numbers.length]!;
      return text.slice(0, hit.index) + m.junk + text.slice(hit.index + hit[0].length);
    }
    case "insert": {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.junk + text.slice(at);
    }
  }
}
