import type { WorkspaceAnalysis } from '../../analysis/analyze-workspace';
import { compareOrigins } from '../../core/compare-origins';
import { locateOrigin } from '../../core/locate-origin';
import type { Origin } from '../../core/source';
import type { Span } from '../../core/span';
import type { Pod } from '../../world/types';
import { clusterSelectionAt } from './cluster-selection-at';
import { selectorAt } from './selector-at';

/** An editor lists every location at once; past this many, a list helps nobody. */
export const MAX_DEFINITIONS = 50;

/** A place in the workspace's files. */
export interface DefinitionTarget {
  readonly uri: string;
  readonly span: Span;
}

/** A selector under the cursor and the objects it selects, to go to. */
export interface SelectionDefinitionAt {
  /** Absolute span of the selector, peer or subject under the cursor. */
  readonly span: Span;
  /** The `metadata.name` of each Namespace, Pod and workload selected, in file order, capped. */
  readonly targets: readonly DefinitionTarget[];
  /** How many objects are selected: more than `targets` holds when the cap cut the list. */
  readonly total: number;
}

/**
 * From a selector to what it selects: a NetworkPolicy's `podSelector` or `namespaceSelector`
 * (or one of their requirements), or a tiered cluster policy's subject or peer. Namespaces count
 * only where a namespace selector chose them; a namespace nothing declares has no place to go.
 */
export function selectionDefinitionAt(
  analysis: WorkspaceAnalysis,
  uri: string,
  offset: number,
): SelectionDefinitionAt | undefined {
  const found = selectionAt(analysis, uri, offset);
  if (found === undefined) {
    return undefined;
  }
  const namespaceOrigins = found.namespaces.flatMap((name) => {
    const origin = analysis.world.namespaces.get(name)?.origin;
    return origin === undefined ? [] : [origin];
  });
  // Sorted and cut before locating: a selector of every pod may select thousands.
  const origins = distinct([...namespaceOrigins, ...found.pods.map((pod) => pod.origin)]);
  const targets = origins.slice(0, MAX_DEFINITIONS).flatMap((origin) => {
    const span = locateOrigin(analysis.file, origin, ['metadata', 'name']);
    return span === undefined ? [] : [{ uri: origin.uri, span }];
  });
  return { span: found.span, targets, total: origins.length };
}

interface Found {
  readonly span: Span;
  readonly pods: readonly Pod[];
  readonly namespaces: readonly string[];
}

function selectionAt(analysis: WorkspaceAnalysis, uri: string, offset: number): Found | undefined {
  const selector = selectorAt(analysis, uri, offset);
  if (selector !== undefined) {
    const namespaces = selector.byNamespaceSelector ? selector.namespaces : [];
    return {
      span: selector.span,
      pods: selector.pods.map((matched) => matched.pod),
      namespaces: namespaces.map((namespace) => namespace.name),
    };
  }
  const cluster = clusterSelectionAt(analysis, uri, offset);
  return (
    cluster && { span: cluster.span, pods: cluster.pods, namespaces: cluster.namespaces ?? [] }
  );
}

// In file order (URI, document, then place in the document), each object once.
function distinct(origins: readonly Origin[]): Origin[] {
  const sorted = [...origins].sort(compareOrigins);
  return sorted.filter((origin, index) => {
    const previous = sorted[index - 1];
    return previous === undefined || compareOrigins(previous, origin) !== 0;
  });
}
