import type { ClusterPolicyKind } from '../../core/classify';
import { isRecord, listAt, valueAt } from '../read';
import type { Report } from '../report';
import { atKey } from '../report';
import type { Cidr } from '../cidr';
import { parseCidr } from '../cidr';

/** A peer as far as covering goes: pods by two selectors (`*` for all), networks, or other. */
type Coverable =
  | { readonly kind: 'pods'; readonly namespaces: string; readonly pods: string }
  | { readonly kind: 'networks'; readonly cidrs: readonly Cidr[] }
  | { readonly kind: 'other'; readonly text: string };

type PortSpan =
  | { readonly protocol: string; readonly start: number; readonly end: number }
  | { readonly named: string };

interface Shape {
  readonly index: number;
  readonly name: string | undefined;
  readonly peers: readonly Coverable[];
  /** Null: every protocol and port. */
  readonly ports: readonly PortSpan[] | null;
}

const ALL = '*';

/**
 * A rule after one of the same policy and direction that matches all of its traffic never
 * fires: the first matching rule decides. Rules with anything unreadable are left alone.
 */
export function checkShadowedRules(kind: ClusterPolicyKind, policy: unknown): Report[] {
  return (['ingress', 'egress'] as const).flatMap((direction) => {
    const peersKey = direction === 'ingress' ? 'from' : 'to';
    const shapes = listAt(policy, ['spec', direction]).map((rule, index) =>
      shapeOf(kind, rule, index, peersKey),
    );
    return shapes.flatMap((shape, index) => {
      if (shape === undefined) {
        return [];
      }
      const earlier = shapes.slice(0, index).find((other) => other && covers(other, shape));
      if (earlier === undefined) {
        return [];
      }
      const rule = valueAt(policy, ['spec', direction, index]);
      const firstKey = isRecord(rule) ? Object.keys(rule)[0] : undefined;
      return [
        {
          code: 'shadowed-rule' as const,
          message: `${direction} rule ${index + 1}${quoted(shape.name)} never applies: rule ${earlier.index + 1}${quoted(earlier.name)} before it matches all of its traffic.`,
          target: atKey(['spec', direction, index, ...(firstKey === undefined ? [] : [firstKey])]),
        },
      ];
    });
  });
}

function quoted(name: string | undefined): string {
  return name === undefined ? '' : ` '${name}'`;
}

function shapeOf(
  kind: ClusterPolicyKind,
  rule: unknown,
  index: number,
  peersKey: string,
): Shape | undefined {
  if (!isRecord(rule) || typeof rule['action'] !== 'string') {
    return undefined;
  }
  const peers = listAt(rule, [peersKey]).map(peerOf);
  if (peers.length === 0 || peers.some((peer) => peer === undefined)) {
    return undefined;
  }
  const portsKey = kind === 'ClusterNetworkPolicy' ? 'protocols' : 'ports';
  const written = rule[portsKey];
  const ports =
    written === undefined || written === null
      ? null
      : listAt(rule, [portsKey]).map((port) => portOf(kind, port));
  if (ports !== null && (ports.length === 0 || ports.some((port) => port === undefined))) {
    return undefined;
  }
  const name = typeof rule['name'] === 'string' ? rule['name'] : undefined;
  return { index, name, peers: peers as Coverable[], ports: ports as PortSpan[] | null };
}

function peerOf(peer: unknown): Coverable | undefined {
  if (!isRecord(peer) || Object.keys(peer).length !== 1) {
    return undefined;
  }
  if (isRecord(peer['namespaces'])) {
    return { kind: 'pods', namespaces: selectorText(peer['namespaces']), pods: ALL };
  }
  if (isRecord(peer['pods'])) {
    const pods = peer['pods'];
    return {
      kind: 'pods',
      namespaces: selectorText(pods['namespaceSelector']),
      pods: selectorText(pods['podSelector']),
    };
  }
  if (Array.isArray(peer['networks'])) {
    const cidrs = peer['networks'].map((text) =>
      typeof text === 'string' ? parseCidr(text) : undefined,
    );
    return cidrs.every((cidr) => cidr !== undefined) ? { kind: 'networks', cidrs } : undefined;
  }
  return { kind: 'other', text: canonical(peer) };
}

function portOf(kind: ClusterPolicyKind, port: unknown): PortSpan | undefined {
  if (!isRecord(port) || Object.keys(port).length !== 1) {
    return undefined;
  }
  const key = Object.keys(port)[0]!;
  const value = port[key];
  if (key === 'destinationNamedPort' || key === 'namedPort') {
    return typeof value === 'string' ? { named: value } : undefined;
  }
  if (kind !== 'ClusterNetworkPolicy') {
    const entry = isRecord(value) ? value : {};
    const protocol = typeof entry['protocol'] === 'string' ? entry['protocol'] : 'TCP';
    return key === 'portNumber'
      ? span(protocol, entry['port'], entry['port'])
      : span(protocol, entry['start'], entry['end']);
  }
  const destination = valueAt(value, ['destinationPort']);
  if (!isRecord(destination)) {
    return undefined;
  }
  const range = isRecord(destination['range']) ? destination['range'] : {};
  return destination['number'] !== undefined
    ? span(key.toUpperCase(), destination['number'], destination['number'])
    : span(key.toUpperCase(), range['start'], range['end']);
}

function span(protocol: string, start: unknown, end: unknown): PortSpan | undefined {
  return typeof start === 'number' && typeof end === 'number' && start <= end
    ? { protocol, start, end }
    : undefined;
}

function covers(earlier: Shape, later: Shape): boolean {
  const portsCovered =
    earlier.ports === null ||
    (later.ports !== null &&
      later.ports.every((port) => earlier.ports!.some((other) => portCovers(other, port))));
  return (
    portsCovered &&
    later.peers.every((peer) => earlier.peers.some((other) => peerCovers(other, peer)))
  );
}

function portCovers(earlier: PortSpan, later: PortSpan): boolean {
  if ('named' in earlier || 'named' in later) {
    return 'named' in earlier && 'named' in later && earlier.named === later.named;
  }
  return (
    earlier.protocol === later.protocol && earlier.start <= later.start && later.end <= earlier.end
  );
}

function peerCovers(earlier: Coverable, later: Coverable): boolean {
  if (earlier.kind === 'pods' && later.kind === 'pods') {
    return (
      (earlier.namespaces === ALL || earlier.namespaces === later.namespaces) &&
      (earlier.pods === ALL || earlier.pods === later.pods)
    );
  }
  if (earlier.kind === 'networks' && later.kind === 'networks') {
    return later.cidrs.every((cidr) => earlier.cidrs.some((other) => cidrCovers(other, cidr)));
  }
  return earlier.kind === 'other' && later.kind === 'other' && earlier.text === later.text;
}

function cidrCovers(outer: Cidr, inner: Cidr): boolean {
  return (
    outer.address.kind() === inner.address.kind() &&
    outer.prefix <= inner.prefix &&
    inner.address.match(outer.address, outer.prefix)
  );
}

// A selector as comparable text: `*` for one that matches everything.
function selectorText(selector: unknown): string {
  if (selector === undefined || selector === null) {
    return ALL;
  }
  if (!isRecord(selector)) {
    return canonical(selector);
  }
  const labels = isRecord(selector['matchLabels']) ? Object.keys(selector['matchLabels']) : [];
  const expressions = Array.isArray(selector['matchExpressions'])
    ? selector['matchExpressions']
    : [];
  return labels.length === 0 && expressions.length === 0 ? ALL : canonical(selector);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonical).join(',')}]`;
  }
  if (isRecord(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}
