import type { Flow, Endpoint } from '../evaluate/verdict';
import type { Pod } from '../world/types';
import type { Instant } from './timestamp';

/** FNV-1a, 32 bits: a small, stable hash for placeholders that must not change between runs. */
export function hashText(text: string): number {
  let hash = 0x811c9dc5;
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
  const span = EPHEMERAL_LAST - EPHEMERAL_FIRST + 1;
  return EPHEMERAL_FIRST + (hashText(`port ${describeFlow(flow)}`) % span);
}

export function placeholderInstant(flow: Flow): Instant {
  const hash = hashText(`time ${describeFlow(flow)}`);
  return { seconds: BASE_SECONDS + (hash % 3600), nanos: hashText(`nanos ${hash}`) % 1e9 };
}

/** A GKE-style node name, `gke-<cluster>-default-pool-<8 hex>-<4 chars>`, stable per pod. */
export function placeholderNodeName(pod: Pod, clusterName: string): string {
  const pool = hashText(`pool ${clusterName}`).toString(16).padStart(8, '0');
  const node = hashText(`node ${pod.namespace}/${pod.name}`).toString(36).padStart(4, '0');
  return `gke-${clusterName}-default-pool-${pool}-${node.slice(-4)}`;
}

function endpointKey(endpoint: Endpoint): string {
  return endpoint.kind === 'pod' ? `${endpoint.pod.namespace}/${endpoint.pod.name}` : endpoint.ip;
}
