/**
 * A progress bar on standard error, only where a person is watching: a TTY, not CI, not --quiet.
 * Elsewhere every call is a no-op, so logs and pipes stay clean.
 */
export interface Progress {
  tick(done: number): void;
  done(): void;
}

const WIDTH = 30;
const REDRAW_MS = 100;

export function createProgress(total: number, label: string, options: { quiet?: boolean } = {}): Progress {
  const enabled = !options.quiet && process.stderr.isTTY === true && !process.env.CI && total > 0;
  if (!enabled) return { tick: () => {}, done: () => {} };
  const started = Date.now();
  let lastDraw = 0;
  const draw = (done: number) => {
    const fraction = Math.min(1, done / total);
    const filled = Math.round(fraction * WIDTH);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    process.stderr.write(`\r${label} [${"█".repeat(filled)}${"░".repeat(WIDTH - filled)}] ${Math.floor(fraction * 100)}% ${done}/${total} ${seconds}s`);
  };
  return {
    tick(done) {
      const now = Date.now();
      if (now - lastDraw < REDRAW_MS && done < total) return;
      lastDraw = now;
      draw(done);
    },
    done() {
      draw(total);
      process.stderr.write("\n");
    },
  };
}
