import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { globMatch } from "../../src/system/map.js";

/** The obvious definition, by recursion over the pattern (exponential, fine for short strings). */
function reference(pattern: string, text: string): boolean {
  if (pattern === "") return text === "";
  const [head, rest] = [pattern[0], pattern.slice(1)];
  if (head === "*") return [...Array(text.length + 1).keys()].some((k) => reference(rest, text.slice(k)));
  return text !== "" && (head === "?" || head === text[0]) && reference(rest, text.slice(1));
}

describe("map rules' globs", () => {
  it("match as the definition says: * any run, ? one character, the rest literal", () => {
    expect(globMatch("xattn_*", "xattn_q_proj")).toBe(true);
    expect(globMatch("*_proj", "xattn_q_proj")).toBe(true);
    expect(globMatch("q?proj", "q_proj")).toBe(true);
    expect(globMatch("q.proj", "q_proj")).toBe(false);
    expect(globMatch("*", "")).toBe(true);
    fc.assert(
      fc.property(fc.stringMatching(/^[ab*?]{0,7}$/), fc.stringMatching(/^[ab]{0,9}$/), (pattern, text) => {
        expect(globMatch(pattern, text)).toBe(reference(pattern, text));
      }),
      { numRuns: 2000 },
    );
  });

  it("answer the patterns that made a regular expression backtrack for minutes (at most |pattern| × |name| steps)", () => {
    // A 12-star rule took 6 s as a regex, each two more stars ×4; here the whole test takes milliseconds.
    const name = "a".repeat(10_000);
    expect(globMatch("*".repeat(16) + "!", name)).toBe(false);
    expect(globMatch("*a".repeat(20) + "*b", name)).toBe(false);
    expect(globMatch("*a".repeat(20) + "*", name)).toBe(true);
  });
});
