import { longReference, resolveEndpoint, shortReference } from '../../analysis/evaluate-workspace';
import { isClusterPolicyKind } from '../../core/classify';
import type { Path } from '../../core/source';
import type { Labels } from '../../model/types';
import type { World } from '../../world/types';
import type { Completion, CompletionKind } from './completion';
import { toScalar } from '../yaml-scalar';
import type { Cursor } from './cursor';
import { clusterSelectorAt, policySelectorAt } from './selector-labels';
import type { SelectorUnder } from './selector-labels';

/** Completions that come from the world: labels in selectors, namespaces, endpoints, ports. */
export function completeFromWorld(cursor: Cursor, world: World, kind: string): Completion[] {
  const { path } = cursor;
  if (cursor.onValue && path.length === 2 && path[0] === 'metadata' && path[1] === 'namespace') {
    return [...world.namespaces.keys()].map((name) => item(cursor, name, 'namespace'));
  }
  if (kind === 'SampleFlows' && path[0] === 'spec' && path[1] === 'flows' && path.length === 4) {
    return completeFlowField(cursor, world);
  }
  if (isClusterPolicyKind(kind) && cursor.onValue && isNamedPortField(path)) {
    return completeNamedPort(cursor, world);
  }
  const selector =
    kind === 'NetworkPolicy'
      ? policySelectorAt(cursor, world)
      : isClusterPolicyKind(kind)
        ? clusterSelectorAt(cursor, world)
        : undefined;
  return selector === undefined ? [] : completeSelector(cursor, selector);
}

// `destinationNamedPort` of a v1alpha2 protocol entry, `namedPort` of a v1alpha1 port entry.
function isNamedPortField(path: Path): boolean {
  const [spec, , , list, , field] = path;
  return (
    spec === 'spec' &&
    path.length === 6 &&
    ((list === 'protocols' && field === 'destinationNamedPort') ||
      (list === 'ports' && field === 'namedPort'))
  );
}

/** The container port names of the workspace's pods, the most common first. */
function completeNamedPort(cursor: Cursor, world: World): Completion[] {
  const byName = new Map<string, { pods: number; numbers: Set<string> }>();
  for (const { name, containerPort, protocol } of world.pods.flatMap((pod) => pod.ports)) {
    if (name !== undefined) {
      const found = byName.get(name) ?? { pods: 0, numbers: new Set<string>() };
      found.pods += 1;
      found.numbers.add(`${containerPort}/${protocol}`);
      byName.set(name, found);
    }
  }
  return [...byName]
    .sort(
      ([leftName, left], [rightName, right]) =>
        right.pods - left.pods || leftName.localeCompare(rightName),
    )
    .map(([name, { pods, numbers }], rank) => {
      const detail = `${[...numbers].join(', ')} on ${pods} pod${pods === 1 ? '' : 's'}`;
      return { ...item(cursor, name, 'port', detail), sortText: String(rank).padStart(5, '0') };
    });
}

function completeFlowField(cursor: Cursor, world: World): Completion[] {
  const field = cursor.path[3];
  if (field === 'from' || field === 'to') {
    return world.pods.flatMap((pod) => {
      const detail = pod.workload ? `${pod.workload.kind} ${pod.workload.name}` : 'Pod';
      const short = item(cursor, shortReference(pod), 'endpoint', detail);
      return pod.workload ? [short, item(cursor, longReference(pod), 'endpoint', detail)] : [short];
    });
  }
  if (field !== 'port') {
    return [];
  }
  const to = cursor.scalarsAt(cursor.path.slice(0, 3)).get('to') ?? '';
  const destination = resolveEndpoint(world, to);
  if (destination.kind !== 'pod') {
    return [];
  }
  return destination.pod.ports.flatMap((port) => {
    const detail = `${port.containerPort}/${port.protocol}`;
    // A number, not the string "8080", which would name a port.
    const number = {
      ...item(cursor, String(port.containerPort), 'port', port.name ?? port.protocol),
      insertText: `${cursor.needsSpace ? ' ' : ''}${port.containerPort}`,
    };
    return port.name === undefined ? [number] : [item(cursor, port.name, 'port', detail), number];
  });
}

function completeSelector(cursor: Cursor, { at, labels, noun }: SelectorUnder): Completion[] {
  const { path } = cursor;
  const rest = path.slice(at + 1);
  if (rest.length === 1 && rest[0] === 'matchLabels' && !cursor.onValue) {
    const present = cursor.scalarsAt(path);
    return labelKeys(labels)
      .filter(([key]) => !present.has(key) || key === cursor.word)
      .map(([key, count], rank) => ({
        ...item(cursor, key, 'label', `on ${count} ${noun}`),
        insertText: `${toScalar(key)}: `,
        sortText: String(rank).padStart(5, '0'),
      }));
  }
  if (rest.length === 2 && rest[0] === 'matchLabels' && cursor.onValue) {
    return labelValues(labels, String(rest[1])).map((value) => item(cursor, value, 'label'));
  }
  if (rest[0] !== 'matchExpressions' || typeof rest[1] !== 'number') {
    return [];
  }
  if (rest.length === 3 && rest[2] === 'key' && cursor.onValue) {
    return labelKeys(labels).map(([key]) => item(cursor, key, 'label'));
  }
  if (rest.length === 4 && rest[2] === 'values') {
    const key = cursor.scalarsAt(path.slice(0, at + 3)).get('key') ?? '';
    return labelValues(labels, key).map((value) => item(cursor, value, 'label'));
  }
  return [];
}

function labelKeys(sets: readonly Labels[]): [string, number][] {
  const counts = new Map<string, number>();
  sets.forEach((labels) =>
    Object.keys(labels).forEach((key) => counts.set(key, (counts.get(key) ?? 0) + 1)),
  );
  return [...counts].sort((left, right) => right[1] - left[1] || left[0].localeCompare(right[0]));
}

function labelValues(sets: readonly Labels[], key: string): string[] {
  const values = new Set(sets.flatMap((labels) => (key in labels ? [labels[key]!] : [])));
  return [...values].sort();
}

function item(cursor: Cursor, value: string, kind: CompletionKind, detail?: string): Completion {
  return {
    label: value,
    kind,
    ...(detail === undefined ? {} : { detail }),
    insertText: (cursor.needsSpace ? ' ' : '') + toScalar(value),
    span: cursor.span,
  };
}
