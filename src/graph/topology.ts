import { InputError } from "../common/errors.js";
import { exactMul } from "../common/exact.js";
import type { Graph, MatmulOp } from "./types.js";

/**
 * A SCALE-Sim GEMM topology (`Layer, M, N, K,` then one row per layer) as a workload: each row becomes one
 * static matmul op named after its Layer, in a single component `topology`.
 */
export function parseScaleSimTopology(text: string, fileName: string): Graph {
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? "").split(",").map((s) => s.trim().toLowerCase()).filter((s) => s !== "");
  const col = (name: string) => header.indexOf(name.toLowerCase());
  const [iLayer, iM, iN, iK] = [col("Layer"), col("M"), col("N"), col("K")];
  if (iLayer < 0 || iM < 0 || iN < 0 || iK < 0) {
    throw new InputError(`${fileName}:1:1: expected the SCALE-Sim GEMM header 'Layer, M, N, K,', found '${lines[0] ?? ""}'`);
  }
  const problems: string[] = [];
  const ops: MatmulOp[] = [];
  lines.slice(1).forEach((line, i) => {
    if (line.trim() === "") return;
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
    ops.push({ kind: "matmul", component: "topology", layer: ops.length, block: "gemm", name, phase: "static", count: 1, m, k, n, batch: 1, macs: exactMul(m, k, n), filterIsWeight: true });
  });
  if (problems.length > 0) throw new InputError(problems);
  if (ops.length === 0) throw new InputError(`${fileName}: the topology has no layers`);
  return {
    model: fileName,
    components: [{ name: "topology", phase: "static", steps: 1, instances: 1, layers: ops.length, embeddingParams: 0 }],
    ops,
  };
}
