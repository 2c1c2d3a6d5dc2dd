import ipaddr from 'ipaddr.js';
import type { Endpoint } from '../evaluate/verdict';
import type { RecordEndpoint } from './types';
import { deriveWorkload } from './workload';

/**
 * The `src`/`dest` object. Workload fields appear only for a pod on the node writing the
 * record: Hubble fills them for local endpoints only (docs/gke-logging.md §2.2).
 */
export function toRecordEndpoint(endpoint: Endpoint, onLoggingNode: boolean): RecordEndpoint {
  // A host-network pod has the node's identity, not a pod's, so it shows as an address.
  if (endpoint.kind === 'external' || endpoint.pod.hostNetwork) {
    return { instance: toRecordIp(endpointIp(endpoint)) };
  }
  const pod = endpoint.pod;
  const workload = onLoggingNode ? deriveWorkload(pod) : undefined;
  return workload === undefined
    ? { pod_name: pod.name, pod_namespace: pod.namespace, namespace: pod.namespace }
    : {
        pod_name: pod.name,
        workload_kind: workload.kind,
        workload_name: workload.name,
        pod_namespace: pod.namespace,
        namespace: pod.namespace,
      };
}

/** The address of the first packet: the one the flow named, else the pod's primary IP. */
export function endpointIp(endpoint: Endpoint): string {
  return endpoint.kind === 'pod' ? (endpoint.ip ?? endpoint.pod.ip) : endpoint.ip;
}

/** Spells an IP as Go's `net.IP.String` does: RFC 5952 for IPv6, dotted quad for IPv4(-mapped). */
export function toRecordIp(ip: string): string {
  // Only IPv6 text (which has a colon) is respelled; the parser is slow, so IPv4 skips it.
  if (!ip.includes(':') || !ipaddr.IPv6.isValid(ip)) {
    return ip;
  }
  const address = ipaddr.IPv6.parse(ip);
  return address.isIPv4MappedAddress()
    ? address.toIPv4Address().toString()
    : address.toRFC5952String();
}

/** How messages name an endpoint: `namespace/name` for a pod, else its address. */
export function describeEndpoint(endpoint: Endpoint): string {
  return endpoint.kind === 'pod' ? `${endpoint.pod.namespace}/${endpoint.pod.name}` : endpoint.ip;
}
