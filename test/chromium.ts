/**
 * Debian's Chromium (installed by .ci/run) for the page tests, driven by playwright-core: where it is, whether
 * it is there, and one launch with the flags that keep it off the network it would otherwise call home on.
 */
import { existsSync } from "node:fs";
import type { Browser } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Whether Chromium is installed; if not, says which test is skipped and how to get it. */
export function hasChromium(test: string): boolean {
  const there = existsSync(CHROMIUM);
  if (!there)
    console.warn(
      `${test} skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium, as .ci/run does, or set CHROMIUM_PATH)`,
    );
  return there;
}

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import("playwright-core").catch((error: unknown) => {
    throw new Error(`playwright-core is a devDependency: run npm ci (or npm install) first (${String(error)})`);
  });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
