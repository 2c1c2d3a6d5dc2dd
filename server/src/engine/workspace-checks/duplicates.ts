import type { FileLookup } from '../check/document-analysis';
import { classify, isClusterPolicyKind } from '../core/classify';
import type { KnownKind } from '../core/classify';
import { locateOrigin } from '../core/locate-origin';
import type { Problem, RelatedSpan } from '../core/problem';
import { originOf } from '../core/source';
import type { Origin, PlacedObject, PlacedProblem } from '../core/source';
import type { Endpoint, Verdict } from '../evaluate/verdict';
import { readMetadata } from '../model/read';

/**
 * Objects that share their kind, namespace and name with another object of the workspace, by
 * that identity (`NetworkPolicy shop/web`, `Namespace shop`), each list in workspace order. A
 * cluster keeps one object per identity: whichever was applied last.
 */
export type Duplicates = ReadonlyMap<string, readonly Origin[]>;

// Kinds a cluster holds one of per name (and namespace). NetworkLogging has its own check, and
// SampleFlows are never applied to a cluster.
const CLUSTER_SCOPED: ReadonlySet<KnownKind> = new Set<KnownKind>(['Namespace']);

/** The identity of an object a cluster keeps one of, or undefined for other objects. */
export function identityOf(object: PlacedObject): string | undefined {
  const kind = classify(object.apiVersion, object.kind);
  if (kind === undefined || kind === 'NetworkLogging' || kind === 'SampleFlows') {
    return undefined;
  }
  const { name, namespace } = readMetadata(object.value);
  if (name === '') {
    return undefined;
  }
  // Joined rather than concatenated: the identities of every object of a workspace are kept
  // between edits, and a joined string is one flat string where `+` leaves a chain of pieces.
  return CLUSTER_SCOPED.has(kind) || isClusterPolicyKind(kind)
    ? [kind, name].join(' ')
    : [kind, ' ', namespace, '/', name].join('');
}

/** The identities that more than one object of the workspace has, from each object's identity. */
export function findDuplicates(identities: Iterable<readonly [string, PlacedObject]>): Duplicates {
  const byIdentity = new Map<string, PlacedObject[]>();
  for (const [identity, object] of identities) {
    const list = byIdentity.get(identity);
    if (list === undefined) {
      byIdentity.set(identity, [object]);
    } else {
      list.push(object);
    }
  }
  const duplicates = new Map<string, readonly Origin[]>();
  for (const [identity, objects] of byIdentity) {
    if (objects.length > 1) {
      // In file order, whatever order the files came in: the messages list the others so.
      const sorted = [...objects].sort(
        (left, right) =>
          (left.uri < right.uri ? -1 : left.uri > right.uri ? 1 : 0) || left.offset - right.offset,
      );
      duplicates.set(
        identity,
        sorted.map((object) => originOf(object)),
      );
    }
  }
  return duplicates;
}

/** Each object's identity, for `findDuplicates`. */
export function identitiesOf(objects: readonly PlacedObject[]): [string, PlacedObject][] {
  return objects.flatMap((object) => {
    const identity = identityOf(object);
    return identity === undefined ? [] : [[identity, object] as [string, PlacedObject]];
  });
}

/** A warning on the name of each duplicate object, with the others as related places. */
export function checkDuplicates(duplicates: Duplicates, file: FileLookup): PlacedProblem[] {
  const found: PlacedProblem[] = [];
  for (const [identity, origins] of duplicates) {
    const spans = origins.map((origin) => locateOrigin(file, origin, ['metadata', 'name']));
    origins.forEach((origin, index) => {
      const span = spans[index];
      if (span === undefined) {
        return;
      }
      const others = origins.flatMap((other, otherIndex): RelatedSpan[] => {
        const otherSpan = spans[otherIndex];
        return otherIndex === index || otherSpan === undefined
          ? []
          : [
              {
                message: `The other ${identity}.`,
                span: otherSpan,
                ...(other.uri === origin.uri ? {} : { uri: other.uri }),
              },
            ];
      });
      const where = origins
        .filter((_, otherIndex) => otherIndex !== index)
        .map((other) => (other.uri === origin.uri ? 'this file' : fileName(other.uri)));
      const problem: Problem = {
        code: 'duplicate-object',
        severity: 'warning',
        message: `${identity} is also defined in ${[...new Set(where)].join(', ')}; a cluster keeps only one of them, the one applied last.`,
        span,
        related: others,
      };
      found.push({ uri: origin.uri, problem });
    });
  }
  return found;
}

/** The duplicated identities a verdict relied on: its policies, and pods at either end. */
export function duplicatesUsedBy(
  verdict: Verdict,
  ends: readonly Endpoint[],
  duplicates: Duplicates,
): string[] {
  if (duplicates.size === 0) {
    return [];
  }
  const used = new Set<string>();
  for (const side of [verdict.egress, verdict.ingress]) {
    for (const policy of [...side.isolatedBy, ...side.allowedBy.map((match) => match.policy)]) {
      used.add(`NetworkPolicy ${policy.namespace}/${policy.name}`);
    }
    const tiers = side.tiers;
    const acted = tiers === undefined ? [] : [tiers.decision, ...tiers.passes];
    for (const match of acted) {
      if (match !== undefined) {
        used.add(`${match.policy.kind} ${match.policy.name}`);
      }
    }
  }
  for (const end of ends) {
    if (end.kind === 'pod') {
      used.add(`${end.pod.workload?.kind ?? 'Pod'} ${end.pod.namespace}/${end.pod.name}`);
    }
  }
  return [...used].filter((identity) => duplicates.has(identity));
}

// The file and the folder that holds it, enough to find it; the related place has the line.
function fileName(uri: string): string {
  return uri.split('/').slice(-2).join('/');
}
