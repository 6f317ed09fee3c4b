import { InputError } from "../common/errors.js";
import type { AttentionBlock } from "../model/types.js";

/**
 * kv_cache: an attention block reading the projected K/V of another component's attention block of the same
 * number (the released SmolVLA's expert layer i reads VLM layer i's cache).
 */

/** One attention block's projected K and V (op indices; −1 when they arrive projected) and their shape. */
export interface CachedKv {
  readonly k: number;
  readonly v: number;
  readonly tokens: number;
  readonly width: number;
}

/**
 * The K/V that attention block `ordinal` of this component reads from kv_cache's component: that component's
 * block of the same number, which must exist and fit (as the k/v projections' input, or as the keys beyond
 * kv_tokens).
 */
export function cachedKv(
  caches: ReadonlyMap<string, readonly CachedKv[]>,
  component: string,
  a: AttentionBlock,
  ordinal: number,
): CachedKv {
  const source = a.kvCache!;
  const layers = caches.get(source) ?? [];
  const cached = layers[ordinal];
  const where = `kv_cache '${source}'`;
  if (cached === undefined) {
    throw new InputError(
      `${where}: ${component} reads attention layer ${ordinal + 1} of it, which has ${layers.length}: give it as many attention layers, or drop kv_cache`,
    );
  }
  if (a.keys === a.kvTokens) {
    if (a.kvInput !== cached.width)
      throw new InputError(
        `${where}: its K/V are ${cached.width} wide, but kv_input is ${a.kvInput}: the k/v projections read the cache`,
      );
  } else if (a.keys - a.kvTokens !== cached.tokens) {
    throw new InputError(
      `${where}: it caches ${cached.tokens} keys per layer, but keys − kv_tokens = ${a.keys} − ${a.kvTokens} = ${a.keys - a.kvTokens}`,
    );
  }
  return cached;
}
