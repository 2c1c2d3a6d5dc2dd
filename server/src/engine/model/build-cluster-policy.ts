import type { ClusterPolicyKind } from '../core/classify';
import type { Path, PlacedObject } from '../core/source';
import { originOf } from '../core/source';
import type { Origin } from '../core/source';
import type { Direction, Protocol } from '../core/vocabulary';
import type {
  ClusterAction,
  ClusterPeer,
  ClusterPolicy,
  ClusterPort,
  ClusterRule,
  ClusterSubject,
  ClusterTier,
} from './cluster-policy';
import { BASELINE_ADMIN_PRIORITY } from './cluster-policy';
import { compileIpBlock } from './ip-block';
import { isRecord, readArray, readMetadata, readRecord, readString } from './read';
import type { PlainRecord } from './read';
import { compileSelector } from './selector';

const ACTIONS: Readonly<Record<string, ClusterAction>> = {
  Accept: 'Accept',
  Deny: 'Deny',
  Pass: 'Pass',
};

// v1alpha1 says Allow where v1alpha2 says Accept; Pass exists only in AdminNetworkPolicy.
const V1ALPHA1_ACTIONS: Readonly<Record<string, ClusterAction>> = {
  Allow: 'Accept',
  Deny: 'Deny',
  Pass: 'Pass',
};

const PEER_KINDS = ['namespaces', 'pods', 'networks', 'nodes', 'domainNames'] as const;

/** Builds the model of one tiered cluster policy. Total: what it cannot read fails closed. */
export function buildClusterPolicy(object: PlacedObject, kind: ClusterPolicyKind): ClusterPolicy {
  const spec = readRecord(object.value['spec']);
  const name = readMetadata(object.value).name;
  const at = (path: Path): Origin => originOf(object, path);
  const tier = tierOf(kind, spec);
  const priority = priorityOf(kind, spec);
  const origin = at([]);
  const v1alpha1 = kind !== 'ClusterNetworkPolicy';
  const rules = (direction: Direction) =>
    readArray(spec[direction]).map((item, index) =>
      buildRule(item, direction, index, v1alpha1, at(['spec', direction, index]), at),
    );
  return {
    kind,
    name,
    tier,
    priority,
    subject: buildSubject(spec['subject']),
    ingress: rules('ingress'),
    egress: rules('egress'),
    origin,
    ref: { kind, name, tier, priority, origin },
  };
}

function tierOf(kind: ClusterPolicyKind, spec: PlainRecord): ClusterTier {
  if (kind === 'AdminNetworkPolicy') {
    return 'Admin';
  }
  if (kind === 'BaselineAdminNetworkPolicy') {
    return 'Baseline';
  }
  return spec['tier'] === 'Baseline' ? 'Baseline' : 'Admin';
}

// An unreadable priority sorts last in its tier; the schema reports it.
function priorityOf(kind: ClusterPolicyKind, spec: PlainRecord): number {
  if (kind === 'BaselineAdminNetworkPolicy') {
    return BASELINE_ADMIN_PRIORITY;
  }
  const priority = spec['priority'];
  return typeof priority === 'number' && Number.isInteger(priority)
    ? priority
    : BASELINE_ADMIN_PRIORITY;
}

function onlyKey(value: unknown): string | undefined {
  if (!isRecord(value)) {
    return undefined;
  }
  const keys = Object.keys(value).filter((key) => value[key] !== undefined && value[key] !== null);
  return keys.length === 1 ? keys[0] : undefined;
}

function buildSubject(value: unknown): ClusterSubject {
  const key = onlyKey(value);
  const subject = readRecord(value);
  if (key === 'namespaces') {
    return { kind: 'namespaces', namespaces: compileSelector(subject['namespaces']) };
  }
  if (
    key === 'pods' &&
    isRecord(subject['pods']) &&
    subject['pods']['podSelector'] !== undefined &&
    subject['pods']['podSelector'] !== null
  ) {
    return {
      kind: 'pods',
      namespaceSelector: compileSelector(subject['pods']['namespaceSelector']),
      podSelector: compileSelector(subject['pods']['podSelector']),
    };
  }
  return { kind: 'invalid' };
}

function buildRule(
  value: unknown,
  direction: Direction,
  index: number,
  v1alpha1: boolean,
  origin: Origin,
  at: (path: Path) => Origin,
): ClusterRule {
  const rule = readRecord(value);
  const actions = v1alpha1 ? V1ALPHA1_ACTIONS : ACTIONS;
  const actionText = readString(rule['action']);
  const peersKey = direction === 'ingress' ? 'from' : 'to';
  const path: Path = ['spec', direction, index];
  const portsKey = v1alpha1 ? 'ports' : 'protocols';
  const ports = rule[portsKey];
  return {
    index,
    name: readString(rule['name']) ?? null,
    action: actionText === undefined ? undefined : actions[actionText],
    peers: readArray(rule[peersKey]).map((peer, peerIndex) =>
      buildPeer(peer, direction, at([...path, peersKey, peerIndex])),
    ),
    ports:
      ports === undefined || ports === null
        ? null
        : readArray(ports).map((port) =>
            v1alpha1 ? buildV1alpha1Port(port) : buildProtocol(port),
          ),
    origin,
  };
}

function buildPeer(value: unknown, direction: Direction, origin: Origin): ClusterPeer {
  const key = onlyKey(value);
  const peer = readRecord(value);
  const known = PEER_KINDS.find((kind) => kind === key);
  // Ingress peers are pods only; anything else there is as unknown as a field from the future.
  if (
    known === undefined ||
    (direction === 'ingress' && known !== 'namespaces' && known !== 'pods')
  ) {
    return { kind: 'invalid', origin };
  }
  switch (known) {
    case 'namespaces':
      return { kind: 'namespaces', namespaces: compileSelector(peer['namespaces']), origin };
    case 'pods': {
      const pods = readRecord(peer['pods']);
      if (pods['podSelector'] === undefined || pods['podSelector'] === null) {
        return { kind: 'invalid', origin };
      }
      return {
        kind: 'pods',
        namespaceSelector: compileSelector(pods['namespaceSelector']),
        podSelector: compileSelector(pods['podSelector']),
        origin,
      };
    }
    case 'networks': {
      const texts = readArray(peer['networks']).flatMap((cidr) =>
        typeof cidr === 'string' ? [cidr] : [],
      );
      return {
        kind: 'networks',
        networks: texts.map((cidr) => compileIpBlock({ cidr })),
        origin,
      };
    }
    case 'nodes':
      return { kind: 'nodes', nodes: compileSelector(peer['nodes']), origin };
    case 'domainNames':
      return {
        kind: 'domainNames',
        domainNames: readArray(peer['domainNames']).flatMap((name) =>
          typeof name === 'string' ? [name] : [],
        ),
        origin,
      };
  }
}

const PROTOCOL_KEYS: Readonly<Record<string, Protocol>> = { tcp: 'TCP', udp: 'UDP', sctp: 'SCTP' };

function buildProtocol(value: unknown): ClusterPort {
  const key = onlyKey(value);
  const entry = readRecord(value);
  if (key === 'destinationNamedPort') {
    const name = readString(entry['destinationNamedPort']);
    return name === undefined ? { kind: 'invalid' } : { kind: 'named', name };
  }
  const protocol = key === undefined ? undefined : PROTOCOL_KEYS[key];
  if (protocol === undefined) {
    return { kind: 'invalid' };
  }
  const port = readRecord(readRecord(entry[key!])['destinationPort']);
  return toRange(protocol, port['number'], readRecord(port['range']));
}

function buildV1alpha1Port(value: unknown): ClusterPort {
  const key = onlyKey(value);
  const entry = readRecord(value);
  if (key === 'namedPort') {
    const name = readString(entry['namedPort']);
    return name === undefined ? { kind: 'invalid' } : { kind: 'named', name };
  }
  if (key !== 'portNumber' && key !== 'portRange') {
    return { kind: 'invalid' };
  }
  const port = readRecord(entry[key]);
  const protocolText = port['protocol'] ?? 'TCP';
  const protocol = (['TCP', 'UDP', 'SCTP'] as const).find((name) => name === protocolText);
  if (protocol === undefined) {
    return { kind: 'invalid' };
  }
  return key === 'portNumber'
    ? toRange(protocol, port['port'], {})
    : toRange(protocol, undefined, port);
}

function toRange(protocol: Protocol, number: unknown, range: PlainRecord): ClusterPort {
  if (isPort(number)) {
    return { kind: 'range', protocol, start: number, end: number };
  }
  const start = range['start'];
  const end = range['end'];
  // The CRD rejects a range whose start is not below its end; such a range matches nothing here.
  if (isPort(start) && isPort(end) && start < end) {
    return { kind: 'range', protocol, start, end };
  }
  return { kind: 'invalid' };
}

function isPort(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535;
}
