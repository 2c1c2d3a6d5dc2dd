import type { Random } from './random';
import type { GenNamespace, GenWorld } from './world-gen';
import { ENVS, PROBE_NAMESPACE, ROLES, TEAMS } from './world-gen';

type Doc = Record<string, unknown>;

export interface GenPolicies {
  /** The one big file. */
  readonly main: readonly Doc[];
  /** Per-namespace defaults (deny, DNS): a smaller file. */
  readonly platform: readonly Doc[];
  /** Scraping from the monitoring namespace: a smaller file. */
  readonly monitoring: readonly Doc[];
  /** The policies the label-edit probe depends on: a smaller file. */
  readonly probe: readonly Doc[];
  /** Traffic the policies were written to allow: most sample flows follow it. */
  readonly intents: readonly Intent[];
}

export interface Intent {
  readonly namespace: string;
  readonly from: string;
  readonly to: string;
  /** A port name of the destination. */
  readonly port: string;
}

const ALLOW_LOGGING = 'policy.network.gke.io/enable-logging';

export function generatePolicies(total: number, world: GenWorld, random: Random): GenPolicies {
  const probe = probePolicies();
  const platform: Doc[] = [];
  const monitoring: Doc[] = [];
  world.appNamespaces.forEach((namespace, i) => {
    if (platform.length + monitoring.length + probe.length < total) {
      platform.push(defaultDeny(namespace, i % 3 === 0));
    }
    if (i % 3 === 0 && platform.length + monitoring.length + probe.length < total) {
      platform.push(allowDns(namespace));
    }
    if (i % 2 === 0 && platform.length + monitoring.length + probe.length < total) {
      monitoring.push(allowMetrics(namespace));
    }
  });
  const main: Doc[] = [];
  const intents: Intent[] = [];
  const remaining = Math.max(0, total - platform.length - monitoring.length - probe.length);
  for (let i = 0; i < remaining; i++) {
    const namespace = random.pick(world.appNamespaces);
    main.push(withGitOpsDetail(SHAPES[i % SHAPES.length]?.(namespace, i, random, intents) ?? {}, i, random));
  }
  return { main, platform, monitoring, probe, intents };
}

function policy(namespace: string, name: string, spec: Doc, annotations?: Record<string, string>): Doc {
  const metadata: Doc = { name, namespace, labels: { 'app.kubernetes.io/managed-by': 'argocd', 'netpol.example.com/owner': 'platform' } };
  if (annotations !== undefined) {
    metadata['annotations'] = annotations;
  }
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata, spec };
}

function defaultDeny(namespace: GenNamespace, egress: boolean): Doc {
  return policy(namespace.name, egress ? 'default-deny-all' : 'default-deny-ingress', {
    podSelector: {},
    policyTypes: egress ? ['Ingress', 'Egress'] : ['Ingress'],
  });
}

function allowDns(namespace: GenNamespace): Doc {
  return policy(namespace.name, 'allow-dns', {
    podSelector: {},
    policyTypes: ['Egress'],
    egress: [
      {
        to: [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
            podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
          },
        ],
        ports: [
          { protocol: 'UDP', port: 53 },
          { protocol: 'TCP', port: 53 },
        ],
      },
    ],
  });
}

function allowMetrics(namespace: GenNamespace): Doc {
  return policy(namespace.name, 'allow-metrics-scrape', {
    podSelector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] },
    policyTypes: ['Ingress'],
    ingress: [{ from: [{ namespaceSelector: { matchLabels: { purpose: 'monitoring' } } }], ports: [{ port: 'metrics' }] }],
  });
}

function probePolicies(): Doc[] {
  return [
    policy(PROBE_NAMESPACE, 'default-deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
    policy(PROBE_NAMESPACE, 'probe-client-egress', {
      podSelector: { matchLabels: { app: 'probe-client' } },
      policyTypes: ['Egress'],
      egress: [{}],
    }),
    policy(PROBE_NAMESPACE, 'probe-server-ingress', {
      podSelector: { matchLabels: { app: 'probe-server' } },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [
            {
              podSelector: {
                matchExpressions: [
                  { key: 'access', operator: 'In', values: Array.from({ length: 10 }, (_, i) => `granted-${i}`) },
                ],
              },
            },
          ],
          ports: [{ port: 'http' }],
        },
      ],
    }),
  ];
}

const SCRAPE_RULE = {
  from: [{ namespaceSelector: { matchLabels: { purpose: 'monitoring' } }, podSelector: { matchLabels: { app: 'prometheus' } } }],
  ports: [{ port: 'metrics' }, { protocol: 'TCP', port: 9090 }],
};

const DNS_RULE = {
  to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
  ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 'dns-tcp' }],
};

// Policies in real GitOps repositories carry review metadata, and most let the scraper in.
function withGitOpsDetail(document: Doc, i: number, random: Random): Doc {
  const metadata = document['metadata'] as Doc;
  metadata['annotations'] = {
    ...(metadata['annotations'] as Record<string, string> | undefined),
    'netpol.example.com/description': `Generated rule set ${i}: keeps the traffic of this application to the flows its owners reviewed; change it through the platform repository, never by hand in the cluster.`,
    'netpol.example.com/ticket': `NET-${1000 + random.int(9000)}`,
    'netpol.example.com/reviewed-by': random.pick(['alice', 'bob', 'chen', 'dana', 'emeka', 'farah']),
  };
  const spec = document['spec'] as Doc;
  const ingress = spec['ingress'];
  if (Array.isArray(ingress)) {
    ingress.push(structuredClone(SCRAPE_RULE));
  }
  const egress = spec['egress'];
  if (Array.isArray(egress)) {
    egress.push(structuredClone(DNS_RULE));
  }
  return document;
}

type Shape = (namespace: GenNamespace, i: number, random: Random, intents: Intent[]) => Doc;

const roleNames = ROLES.map((role) => role.name);

const allowFromApps: Shape = (namespace, i, random, intents) => {
  const [target = 'api', source = 'web', other = 'worker'] = random.sample(roleNames, 3);
  const port = ROLES.find((role) => role.name === target)?.ports.find((candidate) => candidate.name === 'http' || candidate.name === 'grpc');
  if (port !== undefined) {
    intents.push({ namespace: namespace.name, from: source, to: target, port: port.name });
  }
  return policy(
    namespace.name,
    `allow-${target}-from-${source}-${i}`,
    {
      podSelector: { matchLabels: { app: target, 'app.kubernetes.io/part-of': namespace.system } },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [{ podSelector: { matchLabels: { app: source } } }, { podSelector: { matchLabels: { app: other, version: 'v2' } } }],
          ports: [{ protocol: 'TCP', port: 'http' }, { protocol: 'TCP', port: 8080 + random.int(4) }, { port: 'grpc' }],
        },
        {
          from: [{ podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['frontend', 'backend'] }] } }],
          ports: [{ port: 9090 }],
        },
      ],
    },
    random.chance(0.3) ? { [ALLOW_LOGGING]: 'true' } : undefined,
  );
};

const allowFromTeams: Shape = (namespace, i, random) => {
  const target = random.pick(roleNames);
  return policy(namespace.name, `allow-${target}-from-teams-${i}`, {
    podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: random.sample(roleNames, 2) }] },
    ingress: [
      {
        from: [
          {
            namespaceSelector: { matchExpressions: [{ key: 'env', operator: 'In', values: random.sample(ENVS, 2) }] },
            podSelector: { matchLabels: { app: random.pick(roleNames) } },
          },
          { namespaceSelector: { matchLabels: { team: random.pick(TEAMS) } } },
        ],
        ports: [{ protocol: 'TCP', port: 8000, endPort: 8100 }, { port: 'https' }],
      },
    ],
  });
};

const egressControls: Shape = (namespace, i, random) => {
  const source = random.pick(roleNames);
  return policy(namespace.name, `egress-${source}-${i}`, {
    podSelector: { matchLabels: { app: source } },
    policyTypes: ['Egress'],
    egress: [
      {
        to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.244.0.0/16', '10.96.0.0/12'] } }],
        ports: [{ protocol: 'TCP', port: 443 }, { protocol: 'TCP', port: 5432 }],
      },
      { to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32', '10.0.0.0/8'] } }], ports: [{ port: 443 }] },
      { to: [{ namespaceSelector: { matchLabels: { team: random.pick(TEAMS) } } }] },
      {
        to: [{ podSelector: { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['data'] }] } }],
        ports: [{ port: 'grpc' }, { port: 'http' }, { protocol: 'TCP', port: 9000, endPort: 9100 }],
      },
      { to: [{ podSelector: { matchLabels: { app: 'db' } } }], ports: [{ port: 'postgres' }, { port: 'redis' }] },
    ],
  });
};

const existsAndIpBlocks: Shape = (namespace, i, random) => {
  const block = random.int(200);
  return policy(namespace.name, `allow-partners-${i}`, {
    podSelector: {
      matchExpressions: [
        { key: 'app.kubernetes.io/part-of', operator: 'Exists' },
        { key: 'legacy', operator: 'DoesNotExist' },
        { key: 'app', operator: 'NotIn', values: ['db', 'cache'] },
      ],
    },
    policyTypes: ['Ingress'],
    ingress: [
      {
        from: [
          { ipBlock: { cidr: `192.168.${block}.0/24`, except: [`192.168.${block}.128/25`] } },
          { ipBlock: { cidr: '203.0.113.0/24' } },
          { namespaceSelector: { matchLabels: { env: 'prod', compliance: 'pci' } } },
        ],
        ports: [{ protocol: 'TCP', port: 8443 }, { port: 'https' }],
      },
    ],
  });
};

const voip: Shape = (namespace, i) =>
  policy(namespace.name, `allow-voip-${i}`, {
    podSelector: { matchLabels: { app: 'voip' } },
    policyTypes: ['Ingress', 'Egress'],
    ingress: [
      {
        from: [{ namespaceSelector: {}, podSelector: { matchLabels: { app: 'gateway' } } }],
        ports: [{ protocol: 'UDP', port: 5060 }, { protocol: 'SCTP', port: 'diameter' }, { protocol: 'UDP', port: 10000, endPort: 20000 }],
      },
    ],
    egress: [{ to: [{ podSelector: { matchLabels: { app: 'voip' } } }], ports: [{ protocol: 'SCTP', port: 3868 }] }],
  });

const dataTier: Shape = (namespace, i, random, intents) => {
  const client = random.pick(['api', 'worker', 'batch']);
  intents.push({ namespace: namespace.name, from: client, to: 'db', port: 'postgres' }, { namespace: namespace.name, from: client, to: 'cache', port: 'redis' });
  return policy(
    namespace.name,
    `protect-data-${i}`,
    {
      podSelector: { matchLabels: { tier: 'data' } },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [
            { podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['backend'] }, { key: 'version', operator: 'NotIn', values: ['v0'] }] } },
            {
              namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': namespace.name } },
              podSelector: { matchLabels: { app: client } },
            },
          ],
          ports: [{ port: 'postgres' }, { port: 'redis' }, { port: 'amqp' }, { protocol: 'TCP', port: 5432 }],
        },
      ],
    },
    { [ALLOW_LOGGING]: 'true' },
  );
};

const SHAPES: readonly Shape[] = [allowFromApps, allowFromTeams, egressControls, existsAndIpBlocks, allowFromApps, dataTier, voip, allowFromTeams];
