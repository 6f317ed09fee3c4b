import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The layers of docs/architecture.md, checked against the code: every import of a file in src/ goes to its own
 * floor or one below, as the floors listed between the doc's `<!-- floors -->` markers say.
 */
function floors(): Map<string, number> {
  const doc = readFileSync("docs/architecture.md", "utf8");
  const block = /<!-- floors -->([\s\S]*?)<!-- \/floors -->/.exec(doc)?.[1] ?? "";
  const floorOf = new Map<string, number>();
  for (const line of block.split("\n")) {
    const floor = /^(\d+)\.\s+(.*)$/.exec(line.trim());
    if (floor === null) continue;
    for (const [, folder] of floor[2]!.matchAll(/`([a-z-]+)`/g)) floorOf.set(folder!, Number(floor[1]));
  }
  return floorOf;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith(".ts") ? [path] : [];
  });
}

/** The top folder of src/ a path is in ("index" for src/index.ts). */
const folderOf = (path: string) => relative("src", path).split("/")[0]!.replace(/\.ts$/, "");

describe("docs/architecture.md's floors", () => {
  const floorOf = floors();

  it("name every folder of src/", () => {
    const folders = readdirSync("src").filter((name) => statSync(join("src", name)).isDirectory());
    expect([...floorOf.keys()].sort()).toEqual(folders.sort());
  });

  it("hold: no import runs up a floor", () => {
    const upward: string[] = [];
    for (const file of sources("src")) {
      const from = folderOf(file);
      // src/index.ts is the library's face, above every stage it exports.
      if (from === "index") continue;
      for (const [, spec] of readFileSync(file, "utf8").matchAll(/from "(\.[^"]+)"/g)) {
        const to = folderOf(resolve(dirname(file), spec!).replace(`${resolve("src")}/`, "src/"));
        if (floorOf.get(to)! > floorOf.get(from)!) upward.push(`${file} imports ${spec} (${from} → ${to})`);
      }
    }
    expect(upward).toEqual([]);
  });
});
