import { documents, policy } from './fixture';
import { cnp, runTierCases } from './tiers-fixture';

// The reference's evaluation section, point by point, over the semantics world: shop/web
// (10.0.0.10), shop/api (10.0.0.11), ops/prom (10.0.1.5), ops/agent (host network, 10.128.0.2),
// lab/box (fd00::6 and 10.0.2.6).
const SHOP = { namespaces: { matchLabels: { team: 'shop' } } };
const API_POD = {
  pods: {
    namespaceSelector: { matchLabels: { team: 'shop' } },
    podSelector: { matchLabels: { app: 'api' } },
  },
};
const FROM_OPS = [{ namespaces: { matchLabels: { team: 'ops' } } }];
const ALL_NAMESPACES = [{ namespaces: {} }];
const API = { matchLabels: { app: 'api' } };

runTierCases([
  {
    name: 'Admin tier: the lower priority number is consulted first',
    policies: documents(
      cnp('deny-ops', 'Admin', 5, SHOP, { ingress: [{ action: 'Deny', from: FROM_OPS }] }),
      cnp('accept-ops', 'Admin', 10, SHOP, { ingress: [{ action: 'Accept', from: FROM_OPS }] }),
    ),
    flows: [
      { flow: 'ops/prom -> shop/api 9090', expect: 'deny', ingress: 'Admin deny by deny-ops#0' },
      { flow: 'shop/web -> shop/api 9090', expect: 'allow', ingress: 'default allow' },
    ],
  },
  {
    name: 'Admin tier: swapping the priorities swaps the outcome',
    policies: documents(
      cnp('deny-ops', 'Admin', 20, SHOP, { ingress: [{ action: 'Deny', from: FROM_OPS }] }),
      cnp('accept-ops', 'Admin', 10, SHOP, { ingress: [{ action: 'Accept', from: FROM_OPS }] }),
    ),
    flows: [
      {
        flow: 'ops/prom -> shop/api 9090',
        expect: 'allow',
        ingress: 'Admin allow by accept-ops#0',
      },
    ],
  },
  {
    name: 'inside a policy the first matching rule decides, in written order',
    policies: cnp('ordered', 'Admin', 1, SHOP, {
      ingress: [
        {
          action: 'Accept',
          from: FROM_OPS,
          protocols: [{ tcp: { destinationPort: { number: 9090 } } }],
        },
        { action: 'Deny', from: ALL_NAMESPACES },
      ],
    }),
    flows: [
      { flow: 'ops/prom -> shop/api 9090', expect: 'allow', ingress: 'Admin allow by ordered#0' },
      { flow: 'ops/prom -> shop/api 9000', expect: 'deny', ingress: 'Admin deny by ordered#1' },
      { flow: 'shop/web -> shop/api 9000', expect: 'deny', ingress: 'Admin deny by ordered#1' },
    ],
  },
  {
    name: 'an Admin Accept admits what a NetworkPolicy denies: NetworkPolicy is not consulted',
    policies: documents(
      policy('shop', 'deny-all', { podSelector: {}, policyTypes: ['Ingress'] }),
      cnp('monitoring', 'Admin', 1, SHOP, { ingress: [{ action: 'Accept', from: FROM_OPS }] }),
    ),
    flows: [
      {
        flow: 'ops/prom -> shop/api 9090',
        expect: 'allow',
        ingress: 'Admin allow by monitoring#0',
      },
      { flow: 'shop/web -> shop/api 9000', expect: 'deny', ingress: 'NetworkPolicy deny' },
    ],
  },
  {
    name: 'an Admin Deny denies what a NetworkPolicy allows',
    policies: documents(
      policy('shop', 'allow-all', { podSelector: {}, ingress: [{}] }),
      cnp('block', 'Admin', 1, API_POD, { ingress: [{ action: 'Deny', from: FROM_OPS }] }),
    ),
    flows: [
      { flow: 'ops/prom -> shop/api 9090', expect: 'deny', ingress: 'Admin deny by block#0' },
      { flow: 'ops/prom -> shop/web 8080', expect: 'allow', ingress: 'NetworkPolicy allow' },
    ],
  },
  {
    name: 'Pass leaves the Admin tier: the NetworkPolicy that selects the pod decides',
    policies: documents(
      policy('shop', 'api-from-web', {
        podSelector: API,
        ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }] }],
      }),
      cnp('delegate', 'Admin', 1, SHOP, { ingress: [{ action: 'Pass', from: ALL_NAMESPACES }] }),
      cnp('deny-later', 'Admin', 2, SHOP, { ingress: [{ action: 'Deny', from: ALL_NAMESPACES }] }),
    ),
    flows: [
      {
        flow: 'shop/web -> shop/api 9000',
        expect: 'allow',
        ingress: 'NetworkPolicy allow pass delegate#0',
      },
      {
        flow: 'ops/prom -> shop/api 9000',
        expect: 'deny',
        ingress: 'NetworkPolicy deny pass delegate#0',
      },
    ],
  },
  {
    name: 'Pass with no NetworkPolicy goes on to the Baseline tier',
    policies: documents(
      cnp('delegate', 'Admin', 1, SHOP, { ingress: [{ action: 'Pass', from: FROM_OPS }] }),
      cnp('baseline-deny', 'Baseline', 1, SHOP, {
        ingress: [{ action: 'Deny', from: ALL_NAMESPACES }],
      }),
    ),
    flows: [
      {
        flow: 'ops/prom -> shop/api 9000',
        expect: 'deny',
        ingress: 'Baseline deny by baseline-deny#0 pass delegate#0',
      },
      { flow: 'ops/prom -> ops/prom 9090', expect: 'allow', ingress: 'default allow' },
    ],
  },
  {
    name: 'no matching rule: the next policy, then NetworkPolicy',
    policies: documents(
      cnp('other-port', 'Admin', 1, SHOP, {
        ingress: [
          {
            action: 'Deny',
            from: FROM_OPS,
            protocols: [{ udp: { destinationPort: { number: 53 } } }],
          },
        ],
      }),
      cnp('next', 'Admin', 2, SHOP, { ingress: [{ action: 'Accept', from: FROM_OPS }] }),
      policy('shop', 'deny-all', { podSelector: {}, policyTypes: ['Ingress'] }),
    ),
    flows: [
      { flow: 'ops/prom -> shop/api 9000', expect: 'allow', ingress: 'Admin allow by next#0' },
      { flow: 'shop/web -> shop/api 9000', expect: 'deny', ingress: 'NetworkPolicy deny' },
    ],
  },
  {
    name: 'NetworkPolicy decides per direction: one of egress only leaves ingress to Baseline',
    policies: documents(
      policy('shop', 'egress-only', { podSelector: API, policyTypes: ['Egress'], egress: [{}] }),
      cnp('baseline-deny', 'Baseline', 1, SHOP, {
        ingress: [{ action: 'Deny', from: ALL_NAMESPACES }],
        egress: [{ action: 'Deny', to: ALL_NAMESPACES }],
      }),
    ),
    flows: [
      {
        flow: 'shop/web -> shop/api 9000',
        expect: 'deny',
        ingress: 'Baseline deny by baseline-deny#0',
      },
      {
        flow: 'shop/api -> shop/web 8080',
        expect: 'deny',
        egress: 'NetworkPolicy allow',
        ingress: 'Baseline deny by baseline-deny#0',
      },
      { flow: 'shop/api -> ops/prom 9090', expect: 'allow', egress: 'NetworkPolicy allow' },
      {
        flow: 'shop/web -> ops/prom 9090',
        expect: 'deny',
        egress: 'Baseline deny by baseline-deny#0',
      },
    ],
  },
  {
    name: 'Baseline tier by priority; Pass there skips the rest of Baseline to the default',
    policies: documents(
      cnp('carve-out', 'Baseline', 1, SHOP, { ingress: [{ action: 'Pass', from: FROM_OPS }] }),
      cnp('baseline-deny', 'Baseline', 2, SHOP, {
        ingress: [{ action: 'Deny', from: ALL_NAMESPACES }],
      }),
    ),
    flows: [
      {
        flow: 'ops/prom -> shop/api 9000',
        expect: 'allow',
        ingress: 'default allow pass carve-out#0',
      },
      {
        flow: 'shop/web -> shop/api 9000',
        expect: 'deny',
        ingress: 'Baseline deny by baseline-deny#0',
      },
    ],
  },
  {
    name: 'a cluster policy never isolates by selecting: only a matching Deny denies',
    policies: cnp('selects-only', 'Admin', 1, SHOP, {
      ingress: [
        {
          action: 'Deny',
          from: FROM_OPS,
          protocols: [{ tcp: { destinationPort: { number: 22 } } }],
        },
      ],
      egress: [{ action: 'Accept', to: FROM_OPS }],
    }),
    flows: [
      {
        flow: 'shop/web -> shop/api 9000',
        expect: 'allow',
        egress: 'default allow',
        ingress: 'default allow',
      },
      { flow: 'ops/prom -> shop/api 22', expect: 'deny', ingress: 'Admin deny by selects-only#0' },
    ],
  },
  {
    name: 'a pods subject needs both its namespace and its pod selector; a pods peer too',
    policies: cnp('api-only', 'Admin', 1, API_POD, {
      ingress: [
        {
          action: 'Deny',
          from: [
            {
              pods: {
                namespaceSelector: { matchLabels: { team: 'ops' } },
                podSelector: { matchLabels: { app: 'prom' } },
              },
            },
          ],
        },
      ],
    }),
    flows: [
      { flow: 'ops/prom -> shop/api 9000', expect: 'deny', ingress: 'Admin deny by api-only#0' },
      { flow: 'ops/prom -> shop/web 8080', expect: 'allow', ingress: 'default allow' },
      { flow: 'lab/box -> shop/api 9000', expect: 'allow', ingress: 'default allow' },
    ],
  },
  {
    name: 'selector peers never match a host-network pod, and a host-network pod is never a subject',
    policies: documents(
      cnp('deny-ops', 'Admin', 1, SHOP, { ingress: [{ action: 'Deny', from: FROM_OPS }] }),
      cnp(
        'deny-agent',
        'Admin',
        1,
        { namespaces: { matchLabels: { team: 'ops' } } },
        {
          egress: [{ action: 'Deny', to: ALL_NAMESPACES }],
        },
      ),
    ),
    flows: [
      {
        flow: 'ops/agent -> shop/api 9000',
        expect: 'allow',
        ingress: 'default allow',
        only: 'kubernetes',
      },
      { flow: 'ops/agent -> shop/api 9000', expect: 'allow', only: 'gke-dataplane-v2' },
      { flow: 'ops/prom -> shop/api 9000', expect: 'deny', egress: 'Admin deny by deny-agent#0' },
    ],
  },
  {
    name: 'networks match pod IPs under every profile, and addresses outside the cluster',
    policies: cnp('no-db-net', 'Admin', 1, SHOP, {
      egress: [{ action: 'Deny', to: [{ networks: ['10.0.1.0/24', '192.0.2.0/24'] }] }],
    }),
    flows: [
      { flow: 'shop/web -> ops/prom 9090', expect: 'deny', egress: 'Admin deny by no-db-net#0' },
      { flow: 'shop/web -> 192.0.2.9 443', expect: 'deny', egress: 'Admin deny by no-db-net#0' },
      { flow: 'shop/web -> 198.51.100.1 443', expect: 'allow', egress: 'default allow' },
      { flow: 'shop/web -> shop/api 9000', expect: 'allow', egress: 'default allow' },
    ],
  },
  {
    name: "networks match any of a pod's addresses, or the one the flow named",
    policies: cnp('no-lab-v4', 'Admin', 1, SHOP, {
      egress: [{ action: 'Deny', to: [{ networks: ['10.0.2.0/24'] }] }],
    }),
    flows: [
      { flow: 'shop/web -> lab/box 8081', expect: 'deny', egress: 'Admin deny by no-lab-v4#0' },
      { flow: 'shop/web -> 10.0.2.6 8081', expect: 'deny', egress: 'Admin deny by no-lab-v4#0' },
      { flow: 'shop/web -> fd00::6 8081', expect: 'allow', egress: 'default allow' },
    ],
  },
  {
    name: 'ingress peers are pods only: a connection from outside the cluster matches no ingress rule',
    policies: cnp('deny-everyone', 'Admin', 1, SHOP, {
      ingress: [{ action: 'Deny', from: ALL_NAMESPACES }],
    }),
    flows: [
      { flow: '198.51.100.1 -> shop/api 9000', expect: 'allow', ingress: 'default allow' },
      {
        flow: 'lab/box -> shop/api 9000',
        expect: 'deny',
        ingress: 'Admin deny by deny-everyone#0',
      },
    ],
  },
  {
    name: 'protocols: a port number, a range, a named port of the destination; absent is all traffic',
    policies: cnp('ports', 'Admin', 1, API_POD, {
      ingress: [
        {
          action: 'Deny',
          from: FROM_OPS,
          protocols: [{ tcp: { destinationPort: { number: 9000 } } }],
        },
        {
          action: 'Deny',
          from: FROM_OPS,
          protocols: [{ udp: { destinationPort: { range: { start: 8000, end: 8200 } } } }],
        },
        { action: 'Deny', from: FROM_OPS, protocols: [{ destinationNamedPort: 'sig' }] },
        { action: 'Accept', from: ALL_NAMESPACES },
      ],
    }),
    flows: [
      { flow: 'ops/prom -> shop/api 9000', expect: 'deny', ingress: 'Admin deny by ports#0' },
      { flow: 'ops/prom -> shop/api 9000/UDP', expect: 'allow', ingress: 'Admin allow by ports#3' },
      { flow: 'ops/prom -> shop/api 8125/UDP', expect: 'deny', ingress: 'Admin deny by ports#1' },
      { flow: 'ops/prom -> shop/api 8125/TCP', expect: 'allow', ingress: 'Admin allow by ports#3' },
      { flow: 'ops/prom -> shop/api sig/SCTP', expect: 'deny', ingress: 'Admin deny by ports#2' },
      { flow: 'ops/prom -> shop/api 7000/TCP', expect: 'allow', ingress: 'Admin allow by ports#3' },
      { flow: 'shop/web -> shop/api 22', expect: 'allow', ingress: 'Admin allow by ports#3' },
    ],
  },
  {
    name: 'an unknown peer fails closed: an Accept rule matches nothing',
    policies: documents(
      cnp('broken-accept', 'Admin', 1, SHOP, {
        ingress: [{ action: 'Accept', from: [{ future: {} }] }],
      }),
      policy('shop', 'deny-all', { podSelector: {}, policyTypes: ['Ingress'] }),
    ),
    flows: [
      { flow: 'ops/prom -> shop/api 9000', expect: 'deny', ingress: 'NetworkPolicy deny' },
      { flow: 'shop/api -> ops/prom 9090', expect: 'allow' },
    ],
  },
  {
    name: 'an unknown peer fails closed: a Deny rule denies everything',
    policies: cnp('broken-deny', 'Admin', 1, SHOP, {
      ingress: [
        {
          action: 'Deny',
          from: [{ namespaces: {} }, { future: {} }],
          protocols: [{ tcp: { destinationPort: { number: 1 } } }],
        },
      ],
    }),
    flows: [
      { flow: 'ops/prom -> shop/api 9000', expect: 'deny', ingress: 'Admin deny by broken-deny#0' },
      {
        flow: '198.51.100.1 -> shop/api 9000',
        expect: 'deny',
        ingress: 'Admin deny by broken-deny#0',
      },
      { flow: 'shop/api -> ops/prom 9090', expect: 'allow' },
    ],
  },
  {
    name: 'an empty peer list and an unreadable action fail closed too; Pass that fails closed passes everything',
    policies: documents(
      cnp(
        'no-peers',
        'Admin',
        1,
        { namespaces: { matchLabels: { env: 'dev' } } },
        { ingress: [{ action: 'Pass', from: [] }] },
      ),
      cnp(
        'no-action',
        'Admin',
        1,
        { namespaces: { matchLabels: { team: 'ops' } } },
        { ingress: [{ action: 'Block', from: ALL_NAMESPACES }] },
      ),
      cnp(
        'after',
        'Admin',
        2,
        { namespaces: {} },
        { ingress: [{ action: 'Deny', from: ALL_NAMESPACES }] },
      ),
    ),
    flows: [
      {
        flow: 'shop/web -> lab/box 8081',
        expect: 'allow',
        ingress: 'default allow pass no-peers#0',
      },
      { flow: 'shop/web -> ops/prom 9090', expect: 'deny', ingress: 'Admin deny by no-action#0' },
      { flow: 'lab/box -> shop/web 8080', expect: 'deny', ingress: 'Admin deny by after#0' },
    ],
  },
  {
    name: 'a pod reaching its own address is not subject to cluster policies',
    policies: cnp('deny-all', 'Admin', 1, SHOP, {
      ingress: [{ action: 'Deny', from: ALL_NAMESPACES }],
      egress: [{ action: 'Deny', to: [{ networks: ['0.0.0.0/0'] }] }],
    }),
    flows: [
      {
        flow: 'shop/api -> shop/api 9000',
        expect: 'allow',
        egress: 'default allow',
        ingress: 'default allow',
      },
      { flow: 'shop/api -> 10.0.0.11 9000', expect: 'allow', ingress: 'default allow' },
      { flow: 'shop/web -> shop/api 9000', expect: 'deny', egress: 'Admin deny by deny-all#0' },
    ],
  },
  {
    name: 'egress is decided at the source and ingress at the destination, independently',
    policies: documents(
      cnp(
        'ops-out',
        'Admin',
        1,
        { namespaces: { matchLabels: { team: 'ops' } } },
        {
          egress: [{ action: 'Accept', to: [{ namespaces: { matchLabels: { team: 'shop' } } }] }],
        },
      ),
      cnp('shop-in', 'Admin', 1, SHOP, { ingress: [{ action: 'Deny', from: FROM_OPS }] }),
    ),
    flows: [
      {
        flow: 'ops/prom -> shop/api 9000',
        expect: 'deny',
        egress: 'Admin allow by ops-out#0',
        ingress: 'Admin deny by shop-in#0',
      },
      { flow: 'ops/prom -> lab/box 8081', expect: 'allow', egress: 'default allow' },
    ],
  },
]);

// AdminNetworkPolicy and BaselineAdminNetworkPolicy (v1alpha1) sit in the same tiers: Allow is
// Accept, and within a tier both generations are ordered by priority.
const ANP = (name: string, priority: number, spec: string) =>
  `apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata: { name: ${name} }\nspec: { priority: ${priority}, ${spec} }\n`;
const BANP = (spec: string) =>
  `apiVersion: policy.networking.k8s.io/v1alpha1\nkind: BaselineAdminNetworkPolicy\nmetadata: { name: default }\nspec: { ${spec} }\n`;

runTierCases([
  {
    name: 'v1alpha1: AdminNetworkPolicy Allow is Accept, ordered with ClusterNetworkPolicies by priority',
    policies: documents(
      ANP(
        'anp-allow',
        3,
        `subject: { namespaces: { matchLabels: { team: shop } } }, ingress: [{ action: Allow, from: [{ namespaces: { matchLabels: { team: ops } } }], ports: [{ portNumber: { port: 9090 } }] }]`,
      ),
      cnp('cnp-deny', 'Admin', 4, SHOP, { ingress: [{ action: 'Deny', from: FROM_OPS }] }),
    ),
    flows: [
      { flow: 'ops/prom -> shop/api 9090', expect: 'allow', ingress: 'Admin allow by anp-allow#0' },
      { flow: 'ops/prom -> shop/api 9000', expect: 'deny', ingress: 'Admin deny by cnp-deny#0' },
    ],
  },
  {
    name: 'v1alpha1: BaselineAdminNetworkPolicy is consulted after the Baseline ClusterNetworkPolicies',
    policies: documents(
      BANP(`subject: { namespaces: {} }, ingress: [{ action: Deny, from: [{ namespaces: {} }] }]`),
      cnp('baseline-accept', 'Baseline', 1000, SHOP, {
        ingress: [{ action: 'Accept', from: FROM_OPS }],
      }),
    ),
    flows: [
      {
        flow: 'ops/prom -> shop/api 9090',
        expect: 'allow',
        ingress: 'Baseline allow by baseline-accept#0',
      },
      { flow: 'shop/web -> shop/api 9000', expect: 'deny', ingress: 'Baseline deny by default#0' },
    ],
  },
]);
