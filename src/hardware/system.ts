import type { Target } from "./types.js";

/** A resolved system: units with their targets, links, and the op → unit rules. */
export interface Unit {
  readonly name: string;
  readonly target: Target;
  /** The target file it came from, as the system file wrote it. */
  readonly targetFile: string;
}

export interface Link {
  readonly between: readonly [string, string];
  readonly bytesPerSecond: number;
  readonly latencySeconds: number;
  /** Energy per byte moved (0 when the file does not price the link). */
  readonly pjPerByte: number;
}

/** A memory several units share (an SoC's LPDDR, a card's HBM): their DRAM streams queue on its bandwidth. */
export interface SharedMemory {
  readonly name: string;
  readonly bytesPerSecond: number;
  readonly units: readonly string[];
}

export interface MapRule {
  readonly component?: string;
  readonly block?: string;
  readonly op?: string;
  /** One instance of a component that runs several (graph/instances.ts). */
  readonly instance?: number;
  readonly unit: string;
  /** Where the rule is written (`file:line:col`), for messages. */
  readonly where?: string;
}

export interface System {
  readonly name: string;
  readonly description: string;
  readonly units: readonly Unit[];
  readonly links: readonly Link[];
  readonly rules: readonly MapRule[];
  readonly defaultUnit: string;
  readonly memories: readonly SharedMemory[];
}
