import { isAlias, isCollection, isMap, isPair, isScalar } from 'yaml';
import type { Document } from 'yaml';

/** A problem `yaml` reports, or one found here in its shape. */
export interface ParseError {
  readonly code: string;
  readonly message: string;
  readonly pos: readonly [number, number];
}

/**
 * The offsets of the keys that repeat an earlier key of their mapping, in one pass over the
 * document. `yaml`'s own check (its `uniqueKeys` option) compares each key with every earlier
 * one, which takes minutes on a mapping of 100,000 keys, so documents are parsed without it and
 * checked here instead. Keys are equal as `yaml` compares them: scalars with the same value
 * (`1` and `0x1`, `~` and `null`); a collection or alias key equals no other key.
 */
export function duplicateKeyOffsets(document: Document.Parsed): number[] {
  const offsets: number[] = [];
  const pending: unknown[] = [document.contents];
  while (pending.length > 0) {
    const node = pending.pop();
    if (isAlias(node) || !isCollection(node)) {
      continue;
    }
    const seen = isMap(node) ? new Set<unknown>() : undefined;
    for (const item of node.items) {
      const key: unknown = isPair(item) ? item.key : undefined;
      const start = isScalar(key) ? key.range?.[0] : undefined;
      if (seen !== undefined && isScalar(key) && start !== undefined && !Number.isNaN(key.value)) {
        if (seen.has(key.value)) {
          offsets.push(start);
        }
        seen.add(key.value);
      }
      if (isPair(item)) {
        pending.push(item.key, item.value);
      } else {
        pending.push(item);
      }
    }
  }
  return offsets.sort((left, right) => left - right);
}

/** `yaml`'s errors with a duplicate-key error at each offset, in the order of their places. */
export function withDuplicateKeyErrors(
  errors: readonly ParseError[],
  offsets: readonly number[],
): ParseError[] {
  const merged: ParseError[] = [];
  let next = 0;
  for (const error of errors) {
    while (next < offsets.length && (offsets[next] ?? 0) < error.pos[0]) {
      merged.push(duplicateKey(offsets[next++] ?? 0));
    }
    merged.push(error);
  }
  while (next < offsets.length) {
    merged.push(duplicateKey(offsets[next++] ?? 0));
  }
  return merged;
}

function duplicateKey(offset: number): ParseError {
  return {
    code: 'DUPLICATE_KEY',
    message: 'Map keys must be unique',
    pos: [offset, offset + 1],
  };
}
