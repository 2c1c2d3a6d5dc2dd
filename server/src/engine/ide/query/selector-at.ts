import type { WorkspaceAnalysis } from '../../analysis/analyze-workspace';
import type { Direction } from '../../evaluate/verdict';
import type { NetworkPolicy } from '../../model/types';
import type { Path } from '../../core/source';
import type { Span } from '../../core/span';
import { entrySpan, objectAt, samePath, spanIn } from './object-at';
import type { ObjectAt } from './object-at';
import { selectPods } from '../../evaluate/select-pods';
import type { PeerPlace, Requirement, Selection, SelectorTarget } from '../../evaluate/select-pods';

/** A selector under the cursor and what it matches. */
export interface SelectorAt extends Selection {
  readonly target: SelectorTarget;
  /** Absolute span of the selector, peer or requirement under the cursor. */
  readonly span: Span;
}

/** Where a selector sits, relative to its policy object, and what is being asked about. */
interface SelectorPlace {
  readonly peer?: PeerPlace;
  readonly requirement?: Requirement;
  readonly spanPath: Path;
  /** Whether the span runs from the key (a map entry) or covers the value (a list item). */
  readonly entry: boolean;
}

const PEER_KEYS: Readonly<Record<string, Direction>> = { from: 'ingress', to: 'egress' };
const SELECTOR_FIELDS: readonly string[] = ['podSelector', 'namespaceSelector'];

/** The selector of a NetworkPolicy at `offset` in `uri`, with its effective set in the world. */
export function selectorAt(
  analysis: WorkspaceAnalysis,
  uri: string,
  offset: number,
): SelectorAt | undefined {
  const file = analysis.file(uri);
  const at = file && objectAt(file, offset);
  if (at === undefined || at.kind !== 'NetworkPolicy') {
    return undefined;
  }
  const place = placeOf(at.path);
  const policy = place && policyOf(analysis, uri, at);
  if (place === undefined || policy === undefined) {
    return undefined;
  }
  const target: SelectorTarget = { policy, peer: place.peer, requirement: place.requirement };
  const selection = selectPods(analysis.world, target, analysis.dataplane);
  if (selection === undefined) {
    return undefined;
  }
  const span = place.entry ? entrySpan(at, place.spanPath) : spanIn(at, place.spanPath);
  return { ...selection, target, span };
}

function placeOf(path: Path): SelectorPlace | undefined {
  if (path[0] !== 'spec') {
    return undefined;
  }
  if (path[1] === 'podSelector') {
    return selectorPlace(path.slice(0, 2), path.slice(2), 'podSelector', undefined);
  }
  const [, directionKey, ruleIndex, peersKey, peerIndex, field] = path;
  const direction = typeof peersKey === 'string' ? PEER_KEYS[peersKey] : undefined;
  if (
    direction === undefined ||
    directionKey !== direction ||
    typeof ruleIndex !== 'number' ||
    typeof peerIndex !== 'number'
  ) {
    return undefined;
  }
  const peer: PeerPlace = { direction, ruleIndex, peerIndex };
  if (field === undefined) {
    return { peer, spanPath: path.slice(0, 5), entry: false };
  }
  if (typeof field !== 'string' || !SELECTOR_FIELDS.includes(field)) {
    return undefined;
  }
  const selectorField = field as Requirement['field'];
  return selectorPlace(path.slice(0, 6), path.slice(6), selectorField, peer);
}

function selectorPlace(
  selectorPath: Path,
  rest: Path,
  field: Requirement['field'],
  peer: PeerPlace | undefined,
): SelectorPlace {
  const [part, item] = rest;
  if (part === 'matchLabels' && typeof item === 'string') {
    const requirement: Requirement = { field, matchLabels: item };
    return { peer, requirement, spanPath: [...selectorPath, part, item], entry: true };
  }
  if (part === 'matchExpressions' && typeof item === 'number') {
    const requirement: Requirement = { field, matchExpressions: item };
    return { peer, requirement, spanPath: [...selectorPath, part, item], entry: false };
  }
  return { peer, spanPath: selectorPath, entry: true };
}

function policyOf(
  analysis: WorkspaceAnalysis,
  uri: string,
  at: ObjectAt,
): NetworkPolicy | undefined {
  return analysis.policies.find(
    (policy) =>
      policy.origin.uri === uri &&
      policy.origin.offset === at.document.offset &&
      samePath(policy.origin.path, at.object.path),
  );
}
