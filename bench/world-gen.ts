import type { Random } from './random';
import type { Scale } from './scales';

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

export interface GenPort {
  readonly name: string;
  readonly containerPort: number;
  readonly protocol: Protocol;
}

export interface Role {
  readonly name: string;
  readonly tier: 'frontend' | 'backend' | 'data';
  readonly kind: 'Deployment' | 'StatefulSet';
  readonly ports: readonly GenPort[];
  readonly weight: number;
}

const tcp = (name: string, containerPort: number): GenPort => ({ name, containerPort, protocol: 'TCP' });

export const ROLES: readonly Role[] = [
  { name: 'web', tier: 'frontend', kind: 'Deployment', ports: [tcp('http', 8080), tcp('metrics', 9090)], weight: 4 },
  { name: 'api', tier: 'backend', kind: 'Deployment', ports: [tcp('http', 8080), tcp('grpc', 9000), tcp('metrics', 9090)], weight: 4 },
  { name: 'auth', tier: 'backend', kind: 'Deployment', ports: [tcp('grpc', 9000), tcp('metrics', 9090)], weight: 2 },
  { name: 'worker', tier: 'backend', kind: 'Deployment', ports: [tcp('metrics', 9090)], weight: 3 },
  { name: 'db', tier: 'data', kind: 'StatefulSet', ports: [tcp('postgres', 5432), tcp('metrics', 9187)], weight: 2 },
  { name: 'cache', tier: 'data', kind: 'StatefulSet', ports: [tcp('redis', 6379), tcp('metrics', 9121)], weight: 2 },
  { name: 'queue', tier: 'data', kind: 'StatefulSet', ports: [tcp('amqp', 5672), tcp('metrics', 9090)], weight: 1 },
  { name: 'gateway', tier: 'frontend', kind: 'Deployment', ports: [tcp('http', 8080), tcp('https', 8443), tcp('grpc', 9000), tcp('metrics', 9090)], weight: 1 },
  {
    name: 'voip',
    tier: 'backend',
    kind: 'Deployment',
    ports: [{ name: 'sip', containerPort: 5060, protocol: 'UDP' }, { name: 'diameter', containerPort: 3868, protocol: 'SCTP' }, tcp('metrics', 9090)],
    weight: 1,
  },
  { name: 'batch', tier: 'backend', kind: 'Deployment', ports: [tcp('metrics', 9090)], weight: 1 },
];

export const TEAMS = ['payments', 'search', 'identity', 'checkout', 'platform', 'data', 'growth', 'media'] as const;
export const ENVS = ['prod', 'staging', 'dev'] as const;
export const SYSTEMS = ['shop', 'billing', 'catalog', 'accounts', 'ledger'] as const;

export interface GenNamespace {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  /** The `app.kubernetes.io/part-of` value of the namespace's applications. */
  readonly system: string;
}

export interface GenPod {
  readonly namespace: string;
  readonly name: string;
  readonly kind: 'Deployment' | 'StatefulSet' | 'Pod';
  readonly labels: Readonly<Record<string, string>>;
  readonly ports: readonly GenPort[];
  /** Bare pods only: `status.podIP`. */
  readonly ip?: string;
  readonly role: string;
}

export interface GenWorld {
  readonly namespaces: readonly GenNamespace[];
  /** Application namespaces: where generated policies and flows live. */
  readonly appNamespaces: readonly GenNamespace[];
  readonly pods: readonly GenPod[];
}

export const PROBE_NAMESPACE = 'bench-probe';
/** The probe's label value when the probe flow is allowed; the edits change it. */
export const PROBE_LABEL = 'access: granted-0';

export function generateWorld(scale: Scale, random: Random): GenWorld {
  const appNamespaces = Array.from({ length: scale.namespaces }, (_, i) => appNamespace(i, random));
  const fixed: GenNamespace[] = [
    { name: 'kube-system', labels: { tier: 'system' }, system: 'kubernetes' },
    { name: 'monitoring', labels: { tier: 'system', team: 'platform', purpose: 'monitoring' }, system: 'monitoring' },
    { name: PROBE_NAMESPACE, labels: { team: 'bench', env: 'dev' }, system: 'bench' },
  ];
  const pods: GenPod[] = [...systemPods(), ...probePods()];
  const perNamespace = Math.ceil((scale.pods - pods.length) / appNamespaces.length);
  let ip = 0;
  for (const namespace of appNamespaces) {
    const count = Math.min(perNamespace, scale.pods - pods.length);
    const system = namespace.system;
    const counters = new Map<string, number>();
    for (let i = 0; i < count; i++) {
      const role = weighted(random);
      const index = (counters.get(role.name) ?? 0) + 1;
      counters.set(role.name, index);
      const labels = podLabels(role, system, random);
      // One pod in five is a bare Pod (as `kubectl get pods -o yaml` writes it), with its IP.
      if (random.chance(0.2)) {
        ip++;
        pods.push({
          namespace: namespace.name,
          name: `${role.name}-${index}-${suffix(random)}`,
          kind: 'Pod',
          labels,
          ports: role.ports,
          ip: `10.8.${Math.floor(ip / 250)}.${(ip % 250) + 2}`,
          role: role.name,
        });
      } else {
        pods.push({ namespace: namespace.name, name: `${role.name}-${index}`, kind: role.kind, labels, ports: role.ports, role: role.name });
      }
    }
  }
  return { namespaces: [...fixed, ...appNamespaces], appNamespaces, pods };
}

function appNamespace(i: number, random: Random): GenNamespace {
  const team = TEAMS[i % TEAMS.length] ?? 'platform';
  const env = ENVS[Math.floor(i / TEAMS.length) % ENVS.length] ?? 'prod';
  const labels: Record<string, string> = { team, env };
  if (random.chance(0.4)) {
    labels['istio-injection'] = 'enabled';
  }
  if (random.chance(0.25)) {
    labels['compliance'] = 'pci';
  }
  return { name: `${team}-${env}-${i}`, labels, system: random.pick(SYSTEMS) };
}

// Label sets repeat (same role, system and version) so that many pods share one class.
function podLabels(role: Role, system: string, random: Random): Record<string, string> {
  const labels: Record<string, string> = {
    app: role.name,
    'app.kubernetes.io/name': role.name,
    'app.kubernetes.io/part-of': system,
    tier: role.tier,
    version: random.chance(0.8) ? 'v1' : 'v2',
  };
  if (random.chance(0.05)) {
    labels['legacy'] = 'true';
  }
  return labels;
}

function weighted(random: Random): Role {
  const total = ROLES.reduce((sum, role) => sum + role.weight, 0);
  let at = random.int(total);
  for (const role of ROLES) {
    at -= role.weight;
    if (at < 0) {
      return role;
    }
  }
  return ROLES[0] as Role;
}

function suffix(random: Random): string {
  const letters = 'bcdfghjklmnpqrstvwxz2456789';
  return Array.from({ length: 5 }, () => random.pick([...letters])).join('');
}

function systemPods(): GenPod[] {
  return [
    {
      namespace: 'kube-system',
      name: 'coredns',
      kind: 'Deployment',
      labels: { 'k8s-app': 'kube-dns' },
      ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }, tcp('dns-tcp', 53), tcp('metrics', 9153)],
      role: 'dns',
    },
    {
      namespace: 'monitoring',
      name: 'prometheus',
      kind: 'StatefulSet',
      labels: { app: 'prometheus', 'app.kubernetes.io/name': 'prometheus' },
      ports: [tcp('web', 9090)],
      role: 'prometheus',
    },
  ];
}

function probePods(): GenPod[] {
  return [
    { namespace: PROBE_NAMESPACE, name: 'probe-client', kind: 'Deployment', labels: { app: 'probe-client', access: 'granted-0' }, ports: [], role: 'probe' },
    { namespace: PROBE_NAMESPACE, name: 'probe-server', kind: 'Deployment', labels: { app: 'probe-server' }, ports: [tcp('http', 8080)], role: 'probe' },
  ];
}

/** The Kubernetes object for a generated pod or workload. */
export function podObject(pod: GenPod): Record<string, unknown> {
  const containers = [
    {
      name: pod.role,
      image: `registry.example.com/${pod.role}:1.${pod.name.length % 7}.0`,
      ...(pod.ports.length > 0 ? { ports: pod.ports.map((port) => ({ ...port })) } : {}),
      resources: { requests: { cpu: '100m', memory: '128Mi' } },
    },
  ];
  const metadata = { name: pod.name, namespace: pod.namespace, labels: { ...pod.labels } };
  if (pod.kind === 'Pod') {
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata,
      spec: { containers, nodeName: `gke-pool-${pod.name.length % 5}` },
      status: { phase: 'Running', podIP: pod.ip, podIPs: [{ ip: pod.ip }] },
    };
  }
  const selector = { matchLabels: { app: pod.labels['app'] ?? pod.name } };
  return {
    apiVersion: 'apps/v1',
    kind: pod.kind,
    metadata,
    spec: {
      replicas: 2,
      ...(pod.kind === 'StatefulSet' ? { serviceName: pod.name } : {}),
      selector,
      template: { metadata: { labels: { ...pod.labels } }, spec: { containers } },
    },
  };
}

export function namespaceObject(namespace: GenNamespace): Record<string, unknown> {
  // Production namespaces delegate deny logging to GKE (the log preview reads this).
  const annotations = namespace.labels['env'] === 'prod' ? { annotations: { 'policy.network.gke.io/enable-deny-logging': 'true' } } : {};
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace.name, labels: { ...namespace.labels }, ...annotations } };
}
