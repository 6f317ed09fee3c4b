import { existsSync } from "node:fs";
import { chartEngine } from "./chart-engine.js";

/**
 * DejaVu Sans ships in the base image (Debian package fonts-dejavu-core, pulled
 * in by fontconfig). @napi-rs/canvas already sees installed fonts, but
 * registering the files explicitly makes the choice deterministic. Other
 * candidates are tried so the code also works on hosts with different fonts.
 */
const FONT_CANDIDATES: readonly string[] = [
  "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
  "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
  "/usr/share/fonts/dejavu/DejaVuSans.ttf",
  "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
  "/usr/share/fonts/TTF/DejaVuSans.ttf",
  "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf",
  "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
  "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
  "/System/Library/Fonts/Supplemental/Arial.ttf",
  "C:\\Windows\\Fonts\\arial.ttf",
];

export const FONT_FAMILY = "'DejaVu Sans', 'Liberation Sans', Arial, Helvetica, sans-serif";

let fontsReady = false;

/** Register fonts once. Returns the list of font families canvas can see. */
export function ensureFonts(): string[] {
  const { GlobalFonts } = chartEngine();
  if (!fontsReady) {
    fontsReady = true;
    for (const path of FONT_CANDIDATES) {
      try {
        if (existsSync(path)) GlobalFonts.registerFromPath(path);
      } catch {
        // unreadable font file: skip it, installed fonts remain the fallback
      }
    }
    if (GlobalFonts.families.length === 0) {
      for (const dir of ["/usr/share/fonts", "/usr/local/share/fonts"]) {
        try {
          if (existsSync(dir)) GlobalFonts.loadFontsFromDir(dir);
        } catch {
          // ignore
        }
      }
    }
  }
  return GlobalFonts.families.map((f) => f.family);
}
