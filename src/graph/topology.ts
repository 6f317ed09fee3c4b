import { InputError, MAX_PROBLEMS } from "../common/errors.js";
import { ExactRangeError, exactMul } from "../common/exact.js";
import { MAX_EXPANDED_BLOCKS } from "../model/resolve.js";
import type { Graph, MatmulOp } from "./types.js";

/**
 * A SCALE-Sim GEMM topology (`Layer, M, N, K,` then one row per layer) as a workload: each row becomes one
 * static matmul op named after its Layer, in a single component `topology`.
 */
export function parseScaleSimTopology(text: string, fileName: string): Graph {
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? "")
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== "");
  const col = (name: string) => header.indexOf(name.toLowerCase());
  const [iLayer, iM, iN, iK] = [col("Layer"), col("M"), col("N"), col("K")];
  if (iLayer < 0 || iM < 0 || iN < 0 || iK < 0) {
    throw new InputError(
      `${fileName}:1:1: expected the SCALE-Sim GEMM header 'Layer, M, N, K,', found '${lines[0] ?? ""}'`,
    );
  }
  const problems: string[] = [];
  const ops: MatmulOp[] = [];
  // The same bound as a model's blocks: a topology is its layer list, and 290,000 rows took 15 s and 2.5 GB.
  const rows = lines.length - 1 - lines.slice(1).filter((l) => l.trim() === "").length;
  if (rows > MAX_EXPANDED_BLOCKS) {
    throw new InputError(
      `${fileName}:${MAX_EXPANDED_BLOCKS + 2}: more than ${MAX_EXPANDED_BLOCKS.toLocaleString("en-US")} rows (${rows.toLocaleString("en-US")}); a topology may have at most ${MAX_EXPANDED_BLOCKS.toLocaleString("en-US")} layers`,
    );
  }
  lines.slice(1).forEach((line, i) => {
    if (line.trim() === "" || problems.length > MAX_PROBLEMS) return;
    const cells = line.split(",").map((s) => s.trim());
    const dim = (index: number, what: string): number => {
      const n = Number(cells[index]);
      if (!Number.isSafeInteger(n) || n <= 0) {
        problems.push(`${fileName}:${i + 2}:1: ${what} must be a positive integer, found '${cells[index] ?? ""}'`);
        return 1;
      }
      return n;
    };
    const m = dim(iM, "M");
    const n = dim(iN, "N");
    const k = dim(iK, "K");
    const name = cells[iLayer] || `layer${i}`;
    const where = `${fileName}:${i + 2}`;
    let macs = 0;
    try {
      macs = exactMul(m, k, n);
    } catch (error) {
      if (!(error instanceof ExactRangeError)) throw error;
      problems.push(`${where}:1: ${name}: ${error.message}`);
    }
    ops.push({
      kind: "matmul",
      component: "topology",
      layer: ops.length,
      block: "gemm",
      name,
      phase: "static",
      count: 1,
      m,
      k,
      n,
      batch: 1,
      macs,
      filterIsWeight: true,
      standalone: true,
      where,
      producers: [],
    });
  });
  if (problems.length > MAX_PROBLEMS) problems.splice(MAX_PROBLEMS, Infinity, "… and more problems");
  if (problems.length > 0) throw new InputError(problems);
  if (ops.length === 0) throw new InputError(`${fileName}: the topology has no layers`);
  return {
    model: fileName,
    components: [{ name: "topology", phase: "static", steps: 1, instances: 1, layers: ops.length, embeddingParams: 0 }],
    ops,
  };
}
