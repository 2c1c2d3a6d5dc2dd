import type { Direction } from '../core/vocabulary';
import type { Path, PlacedObject } from '../core/source';
import { originOf } from '../core/source';
import type { Origin } from '../core/source';
import type { Protocol } from '../core/vocabulary';
import { compileIpBlock } from './ip-block';
import { isRecord, readArray, readMetadata, readRecord, readScalar } from './read';
import { compileSelector } from './selector';
import type { NetworkPolicy, Peer, PolicyPort, PolicyType, Rule } from './types';

const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];
const POLICY_TYPES: readonly PolicyType[] = ['Ingress', 'Egress'];

/** Builds the model of one NetworkPolicy object. Total: what it cannot read admits nothing. */
export function buildPolicy(object: PlacedObject): NetworkPolicy {
  const metadata = readMetadata(object.value);
  const spec = readRecord(object.value['spec']);
  const at = (path: Path): Origin => originOf(object, path);
  const origin = at([]);
  const ingress = buildRules(spec['ingress'], 'ingress', at);
  const egress = buildRules(spec['egress'], 'egress', at);
  return {
    namespace: metadata.namespace,
    name: metadata.name,
    annotations: metadata.annotations,
    podSelector: spec['podSelector'] === undefined ? null : compileSelector(spec['podSelector']),
    policyTypes: effectivePolicyTypes(spec),
    ingress,
    egress,
    origin,
    ref: {
      kind: 'NetworkPolicy',
      namespace: metadata.namespace,
      name: metadata.name,
      annotations: metadata.annotations,
      origin,
    },
  };
}

// The API server defaults an absent or empty `policyTypes` to Ingress, plus Egress when
// `spec.egress` has at least one rule (`egress: []` adds nothing).
function effectivePolicyTypes(spec: Readonly<Record<string, unknown>>): readonly PolicyType[] {
  const written = readArray(spec['policyTypes']);
  if (written.length > 0) {
    return POLICY_TYPES.filter((type) => written.includes(type));
  }
  return readArray(spec['egress']).length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

function buildRules(value: unknown, direction: Direction, at: (path: Path) => Origin): Rule[] {
  const peersKey = direction === 'ingress' ? 'from' : 'to';
  return readArray(value).map((item, ruleIndex) => {
    const path: Path = ['spec', direction, ruleIndex];
    // A null item decodes to the empty rule, as Go's JSON decoder does: it admits everything.
    if (item !== null && !isRecord(item)) {
      return { peers: [], ports: [], valid: false, origin: at(path) };
    }
    const rule = readRecord(item);
    const peers = readArray(rule[peersKey]);
    return {
      peers:
        peers.length === 0
          ? null
          : peers.map((peer, peerIndex) => buildPeer(peer, at([...path, peersKey, peerIndex]))),
      ports: readArray(rule['ports']).map((port, portIndex) =>
        buildPort(port, at([...path, 'ports', portIndex])),
      ),
      valid: true,
      origin: at(path),
    };
  });
}

function buildPeer(value: unknown, origin: Origin): Peer {
  const peer = readRecord(value);
  const has = (key: string) => peer[key] !== undefined && peer[key] !== null;
  if (has('ipBlock')) {
    // A peer with ipBlock and a selector is rejected by the API server.
    if (has('podSelector') || has('namespaceSelector') || !isRecord(peer['ipBlock'])) {
      return { kind: 'invalid', origin };
    }
    return { kind: 'ipBlock', ipBlock: compileIpBlock(peer['ipBlock']), origin };
  }
  if (!has('podSelector') && !has('namespaceSelector')) {
    return { kind: 'invalid', origin };
  }
  return {
    kind: 'selector',
    podSelector: has('podSelector') ? compileSelector(peer['podSelector']) : undefined,
    namespaceSelector: has('namespaceSelector')
      ? compileSelector(peer['namespaceSelector'])
      : undefined,
    origin,
  };
}

function buildPort(value: unknown, origin: Origin): PolicyPort {
  const entry = readRecord(value);
  const protocolValue = entry['protocol'] ?? 'TCP';
  const protocol = PROTOCOLS.find((candidate) => candidate === protocolValue);
  const port = readPortValue(entry['port']);
  const endPort = typeof entry['endPort'] === 'number' ? entry['endPort'] : undefined;
  // `endPort` needs a numeric `port`; an unknown protocol or an unreadable value admits nothing.
  const valid =
    protocol !== undefined &&
    (value === null || isRecord(value)) &&
    (entry['port'] === undefined || entry['port'] === null || port !== undefined) &&
    (entry['endPort'] === undefined ||
      entry['endPort'] === null ||
      (endPort !== undefined && typeof port === 'number'));
  return { protocol: protocol ?? 'TCP', port, endPort, valid, origin };
}

function readPortValue(value: unknown): number | string | undefined {
  if (typeof value === 'number') {
    return value;
  }
  return typeof value === 'string' ? readScalar(value) : undefined;
}

export function buildPolicies(objects: readonly PlacedObject[]): NetworkPolicy[] {
  return objects.map(buildPolicy);
}
