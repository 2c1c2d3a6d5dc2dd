import type { Flow, Endpoint } from '../evaluate/verdict';
import type { Pod } from '../world/types';
import type { Instant } from './timestamp';
import type { PlaceholderField } from './types';

const FNV_OFFSET = 0x811c9dc5;

/**
 * FNV-1a, 32 bits: a small, stable hash for placeholders that must not change between runs.
 * `hashText(b, hashText(a))` is the hash of `a + b`.
 */
export function hashText(text: string, hash = FNV_OFFSET): number {
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

// Linux's default net.ipv4.ip_local_port_range, which GKE nodes keep.
const EPHEMERAL_FIRST = 32768;
const EPHEMERAL_LAST = 60999;

// A fixed day, so a workspace always previews the same lines.
const BASE_SECONDS = Date.UTC(2024, 4, 1, 12, 0, 0) / 1000;

export function describeFlow(flow: Flow): string {
  return `${endpointKey(flow.source)} ${endpointKey(flow.destination)} ${flow.port} ${flow.protocol}`;
}

export function placeholderSourcePort(flow: Flow): number {
  return toSourcePort(hashText(describeFlow(flow), PORT_SEED));
}

export function placeholderInstant(flow: Flow): Instant {
  return toInstant(hashText(describeFlow(flow), TIME_SEED));
}

/** Both placeholders of a flow, describing it once. */
export function placeholderStamp(flow: Flow): { sourcePort: number; instant: Instant } {
  const description = describeFlow(flow);
  return {
    sourcePort: toSourcePort(hashText(description, PORT_SEED)),
    instant: toInstant(hashText(description, TIME_SEED)),
  };
}

// The hashes of the prefixes that keep the two placeholders of a flow apart.
const PORT_SEED = hashText('port ');
const TIME_SEED = hashText('time ');

function toSourcePort(hash: number): number {
  return EPHEMERAL_FIRST + (hash % (EPHEMERAL_LAST - EPHEMERAL_FIRST + 1));
}

function toInstant(hash: number): Instant {
  return { seconds: BASE_SECONDS + (hash % 3600), nanos: hashText(`nanos ${hash}`) % 1e9 };
}

/** A GKE-style node name, `gke-<cluster>-default-pool-<8 hex>-<4 chars>`, stable per pod. */
export function placeholderNodeName(pod: Pod, clusterName: string): string {
  return placeholderNodeNameIn(placeholderPool(clusterName), pod);
}

/** The node pool part of placeholder node names: `gke-<cluster>-default-pool-<8 hex>`. */
export function placeholderPool(clusterName: string): string {
  const pool = hashText(`pool ${clusterName}`).toString(16).padStart(8, '0');
  return `gke-${clusterName}-default-pool-${pool}`;
}

export function placeholderNodeNameIn(pool: string, pod: Pod): string {
  const node = hashText(`node ${pod.namespace}/${pod.name}`).toString(36).padStart(4, '0');
  return `${pool}-${node.slice(-4)}`;
}

function endpointKey(endpoint: Endpoint): string {
  return endpoint.kind === 'pod' ? `${endpoint.pod.namespace}/${endpoint.pod.name}` : endpoint.ip;
}

/**
 * The fields of one end of a record that the preview made up: its address when netpol-lens
 * assigned it, and its pod name when the pod stands for a workload, whose real pods are named
 * by their controller (`web-7d4b9c8f6-x2k4p`). A host-network pod shows as an address only.
 */
export function endpointPlaceholders(endpoint: Endpoint, side: 'src' | 'dest'): PlaceholderField[] {
  if (endpoint.kind !== 'pod') {
    return [];
  }
  const fields: PlaceholderField[] = [];
  if (endpoint.ip === undefined && endpoint.pod.ipAssigned) {
    fields.push(side === 'src' ? 'src_ip' : 'dest_ip');
  }
  if (endpoint.pod.workload !== undefined && !endpoint.pod.hostNetwork) {
    fields.push(side === 'src' ? 'src.pod_name' : 'dest.pod_name');
  }
  return fields;
}
