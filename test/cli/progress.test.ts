import { describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/context.js";
import { createProgress } from "../../src/cli/progress.js";

/** A terminal (or not) that records what is drawn, and a clock the test moves by hand. */
function terminal(isTTY: boolean, env: CliIo["env"] = {}) {
  const drawn: string[] = [];
  const io: CliIo = {
    stdout: { write: () => true },
    stderr: { isTTY, write: (chunk: string) => drawn.push(chunk) },
    env,
  };
  let ms = 0;
  return { io, drawn, now: () => ms, advance: (by: number) => (ms += by) };
}

describe("createProgress", () => {
  it("redraws at most every 100 ms, always the last point, and ends the line", () => {
    const t = terminal(true);
    const progress = createProgress(t.io, 4, "sweep", { now: t.now });
    progress.tick(1); // first draw
    t.advance(50);
    progress.tick(2); // too soon: skipped
    t.advance(60);
    progress.tick(3); // 110 ms after the first draw
    progress.tick(4); // the total is always drawn
    progress.done();
    expect(t.drawn).toEqual([
      `\rsweep [${"█".repeat(8)}${"░".repeat(22)}] 25% 1/4 0.0s`,
      `\rsweep [${"█".repeat(23)}${"░".repeat(7)}] 75% 3/4 0.1s`,
      `\rsweep [${"█".repeat(30)}] 100% 4/4 0.1s`,
      `\rsweep [${"█".repeat(30)}] 100% 4/4 0.1s`,
      "\n",
    ]);
  });

  it.each([
    ["not a terminal", terminal(false), {}],
    ["CI", terminal(true, { CI: "true" }), {}],
    ["--quiet", terminal(true), { quiet: true }],
  ])("draws nothing where no one watches: %s", (_, t, options) => {
    const progress = createProgress(t.io, 10, "report", { ...options, now: t.now });
    progress.tick(5);
    progress.done();
    expect(t.drawn).toEqual([]);
  });
});
