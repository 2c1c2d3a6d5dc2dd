import type { ContainerPort, Pod, World } from './types';

/**
 * The cluster's DNS as netpol-lens assumes it when the workspace has no pod of it: where its pods
 * run, their labels and the ports they serve. Real repositories never hold kube-dns, yet every pod
 * needs it; the setting `netpol.clusterDns` describes another (CoreDNS, NodeLocal DNSCache).
 */
export interface ClusterDns {
  readonly namespace: string;
  /** The name flows use for it: `namespace/name`. */
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly ports: readonly ContainerPort[];
}

/** GKE's kube-dns: pods in kube-system labelled `k8s-app: kube-dns`, serving 53/UDP and 53/TCP. */
export const GKE_KUBE_DNS: ClusterDns = {
  namespace: 'kube-system',
  name: 'kube-dns',
  labels: { 'k8s-app': 'kube-dns' },
  ports: [
    { name: 'dns', containerPort: 53, protocol: 'UDP' },
    { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
  ],
};

/** Whether a pod is one of the cluster's DNS pods: in its namespace, with all its labels. */
export function isClusterDnsPod(pod: Pick<Pod, 'namespace' | 'labels'>, dns: ClusterDns): boolean {
  return (
    pod.namespace === dns.namespace &&
    Object.entries(dns.labels).every(([key, value]) => pod.labels[key] === value)
  );
}

/** The real DNS pods of the world, or the assumed one when it has none. */
export function clusterDnsPods(world: World): readonly Pod[] {
  const real = realDnsPods(world, world.clusterDns ?? GKE_KUBE_DNS);
  return real.length > 0 || world.assumedDns === undefined ? real : [world.assumedDns];
}

function realDnsPods(world: World, dns: ClusterDns): Pod[] {
  const [first] = Object.entries(dns.labels);
  const candidates =
    first === undefined
      ? (world.podsByNamespace.get(dns.namespace) ?? [])
      : (world.podsByLabel.get(`${first[0]}=${first[1]}`) ?? []);
  return candidates.filter((pod) => isClusterDnsPod(pod, dns));
}

// Far from where assigned addresses start (10.244.0.1 up), so it moves no one's address.
const ASSUMED_ADDRESS = (10 << 24) + (244 << 16) + (255 << 8) + 254;

/**
 * The world with the DNS pod it assumes when none of its pods is one: a Deployment's
 * representative pod, named `dns.name`, after every real pod (it is in no index, so nothing
 * that lists the workspace's pods shows it).
 */
export function withAssumedDns(world: World, dns: ClusterDns): World {
  if (realDnsPods(world, dns).length > 0) {
    return { ...world, clusterDns: dns };
  }
  let address = ASSUMED_ADDRESS;
  while (world.podsByIp.has(toIpv4(address))) {
    address -= 1;
  }
  const assumed = assumedPod(dns, toIpv4(address), world.pods.length);
  return { ...world, assumedDns: assumed, clusterDns: dns };
}

/** Whether two assumed DNS pods are alike: the same description, address and position. */
export function sameAssumedPod(left: Pod, right: Pod): boolean {
  return (
    left.ip === right.ip &&
    left.index === right.index &&
    JSON.stringify([left.namespace, left.name, left.labels, left.ports]) ===
      JSON.stringify([right.namespace, right.name, right.labels, right.ports])
  );
}

function assumedPod(dns: ClusterDns, ip: string, index: number): Pod {
  return {
    namespace: dns.namespace,
    name: dns.name,
    labels: dns.labels,
    ports: dns.ports,
    ip,
    ips: [ip],
    ipAssigned: true,
    hostNetwork: false,
    nodeName: undefined,
    workload: { kind: 'Deployment', name: dns.name },
    owner: undefined,
    generateName: undefined,
    origin: { uri: '', offset: 0, path: [] },
    index,
    assumed: true,
  };
}

/** The same text for the same description, to tell whether a setting changed. */
export function dnsKey(dns: ClusterDns): string {
  return JSON.stringify([dns.namespace, dns.name, dns.labels, dns.ports]);
}

function toIpv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}
