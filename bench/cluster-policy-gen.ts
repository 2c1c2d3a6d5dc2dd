import type { Random } from './random';
import { ENVS, ROLES, TEAMS } from './world-gen';

type Doc = Record<string, unknown>;

/**
 * Tiered cluster policies as a platform team writes them: an Admin policy that always admits
 * monitoring, Admin policies per team (up to `maxRules` rules each: Pass to the
 * team's NetworkPolicies, Deny across environments, Accept of shared services), and Baseline
 * policies per team (deny from dev, a DNS carve-out, no SMTP out). None touches the bench probe,
 * so the label edit still flips its flow.
 */
export function generateClusterPolicies(total: number, maxRules: number, random: Random): Doc[] {
  const documents: Doc[] = [];
  if (total > 0) {
    documents.push(alwaysAdmitMonitoring());
  }
  for (let i = 1; i < total; i++) {
    // Teams in the order namespaces take them, so small workspaces have subjects too.
    const team = TEAMS[(i - 1) % TEAMS.length] ?? 'platform';
    documents.push(i % 4 === 3 ? baseline(team, i, random) : admin(team, i, maxRules, random));
  }
  return documents;
}

function cnp(name: string, spec: Doc): Doc {
  return {
    apiVersion: 'policy.networking.k8s.io/v1alpha2',
    kind: 'ClusterNetworkPolicy',
    metadata: { name, labels: { 'app.kubernetes.io/managed-by': 'argocd' } },
    spec,
  };
}

function alwaysAdmitMonitoring(): Doc {
  return cnp('admit-monitoring', {
    tier: 'Admin',
    priority: 1,
    subject: { namespaces: { matchExpressions: [{ key: 'team', operator: 'Exists' }] } },
    ingress: [
      {
        name: 'prometheus',
        action: 'Accept',
        from: [{ namespaces: { matchLabels: { purpose: 'monitoring' } } }],
        protocols: [{ destinationNamedPort: 'metrics' }],
      },
    ],
  });
}

function admin(team: string, index: number, maxRules: number, random: Random): Doc {
  const count = 1 + random.int(maxRules);
  const ingress: Doc[] = [];
  const egress: Doc[] = [];
  for (let i = 0; i < count; i++) {
    const isEgress = random.chance(0.4);
    (isEgress ? egress : ingress).push(rule(team, i, random, isEgress));
  }
  return cnp(`admin-${team}-${index}`, {
    tier: 'Admin',
    priority: 10 + index,
    subject: random.chance(0.5)
      ? { namespaces: { matchLabels: { team } } }
      : { pods: { namespaceSelector: { matchLabels: { team } }, podSelector: { matchLabels: { app: random.pick(ROLES).name } } } },
    ...(ingress.length > 0 ? { ingress } : {}),
    ...(egress.length > 0 ? { egress } : {}),
  });
}

function rule(team: string, index: number, random: Random, egress: boolean): Doc {
  const roll = random.next();
  const role = random.pick(ROLES);
  const port = random.pick(role.ports);
  const peers = egress && random.chance(0.2)
    ? [{ networks: [random.pick(['203.0.113.0/24', '198.51.100.0/24', '10.0.0.0/8'])] }]
    : roll < 0.3
      ? [{ namespaces: { matchLabels: { team } } }]
      : roll < 0.6
        ? [{ namespaces: { matchLabels: { env: random.pick(ENVS) } } }]
        : [{ pods: { namespaceSelector: { matchLabels: { team: random.pick(TEAMS) } }, podSelector: { matchLabels: { app: role.name } } } }];
  const action = roll < 0.3 ? 'Pass' : random.chance(0.6) ? 'Deny' : 'Accept';
  const protocols = random.chance(0.3)
    ? undefined
    : random.chance(0.3)
      ? [{ destinationNamedPort: port.name }]
      : [{ [port.protocol.toLowerCase()]: { destinationPort: { number: port.containerPort } } }];
  return {
    name: `${action.toLowerCase()}-${role.name}-${index}`,
    action,
    [egress ? 'to' : 'from']: peers,
    ...(protocols === undefined ? {} : { protocols }),
  };
}

function baseline(team: string, index: number, random: Random): Doc {
  return cnp(`baseline-${team}-${index}`, {
    tier: 'Baseline',
    priority: 100 + index,
    subject: { namespaces: { matchLabels: { team } } },
    ingress: [{ name: 'deny-from-dev', action: 'Deny', from: [{ namespaces: { matchLabels: { env: 'dev' } } }] }],
    egress: [
      {
        name: 'dns',
        action: 'Accept',
        to: [{ pods: { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } } }],
        protocols: [{ udp: { destinationPort: { number: 53 } } }, { tcp: { destinationPort: { number: 53 } } }],
      },
      { name: 'no-smtp', action: 'Deny', to: [{ networks: ['0.0.0.0/0'] }], protocols: [{ tcp: { destinationPort: { number: random.pick([25, 465, 587]) } } }] },
    ],
  });
}
