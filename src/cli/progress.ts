import type { CliIo } from "./context.js";

/**
 * A progress bar on standard error, only where a person is watching: a TTY, not CI, not --quiet.
 * Elsewhere every call is a no-op, so logs and pipes stay clean.
 */
export interface Progress {
  tick(done: number): void;
  done(): void;
}

export interface ProgressOptions {
  readonly quiet?: boolean | undefined;
  /** Milliseconds since some fixed moment; injected by tests so what is drawn does not depend on timing. */
  readonly now?: () => number;
}

const WIDTH = 30;
const REDRAW_MS = 100;

export function createProgress(io: CliIo, total: number, label: string, options: ProgressOptions = {}): Progress {
  const enabled = !options.quiet && io.stderr.isTTY === true && !io.env.CI && total > 0;
  if (!enabled) return { tick: () => {}, done: () => {} };
  const now = options.now ?? Date.now;
  const started = now();
  let lastDraw = -Infinity;
  const draw = (done: number) => {
    const fraction = Math.min(1, done / total);
    const filled = Math.round(fraction * WIDTH);
    const seconds = ((now() - started) / 1000).toFixed(1);
    io.stderr.write(
      `\r${label} [${"█".repeat(filled)}${"░".repeat(WIDTH - filled)}] ${Math.floor(fraction * 100)}% ${done}/${total} ${seconds}s`,
    );
  };
  return {
    tick(done) {
      const time = now();
      if (time - lastDraw < REDRAW_MS && done < total) return;
      lastDraw = time;
      draw(done);
    },
    done() {
      draw(total);
      io.stderr.write("\n");
    },
  };
}
