import { documents, policy, runCases } from './fixture';

const API = { matchLabels: { app: 'api' } };
const ingressFrom = (...from: unknown[]) => ({ podSelector: API, ingress: [{ from }] });
const OPS = { matchLabels: { team: 'ops' } };

runCases([
  {
    name: 'podSelector alone: pods of the policy namespace only',
    policies: policy('shop', 'p', ingressFrom({ podSelector: {} })),
    flows: [
      { flow: 'shop/web -> shop/api 9000', expect: 'allow' },
      { flow: 'ops/prom -> shop/api 9000', expect: 'deny' },
    ],
  },
  {
    name: 'namespaceSelector alone: every pod of the matching namespaces',
    policies: policy('shop', 'p', ingressFrom({ namespaceSelector: OPS })),
    flows: [
      { flow: 'ops/prom -> shop/api 9000', expect: 'allow' },
      { flow: 'shop/web -> shop/api 9000', expect: 'deny' },
    ],
  },
  {
    name: 'namespaceSelector and podSelector in one item: AND',
    policies: policy(
      'shop',
      'p',
      ingressFrom({ namespaceSelector: OPS, podSelector: { matchLabels: { app: 'prom' } } }),
    ),
    flows: [
      { flow: 'ops/prom -> shop/api 9000', expect: 'allow' },
      { flow: 'shop/web -> shop/api 9000', expect: 'deny' },
      { flow: 'ops/agent -> shop/api 9000', expect: 'deny', only: 'gke-dataplane-v2' },
    ],
  },
  {
    name: 'namespaceSelector and podSelector as two items: OR',
    policies: policy(
      'shop',
      'p',
      ingressFrom({ namespaceSelector: OPS }, { podSelector: { matchLabels: { app: 'web' } } }),
    ),
    flows: [
      { flow: 'ops/prom -> shop/api 9000', expect: 'allow' },
      { flow: 'shop/web -> shop/api 9000', expect: 'allow' },
      { flow: 'lab/box -> shop/api 9000', expect: 'deny' },
    ],
  },
  {
    name: 'namespaceSelector: {} selects every namespace, but never an address outside the cluster',
    policies: policy('shop', 'p', ingressFrom({ namespaceSelector: {} })),
    flows: [
      { flow: 'lab/box -> shop/api 9000', expect: 'allow' },
      { flow: 'ops/prom -> shop/api 9000', expect: 'allow' },
      { flow: '192.0.2.1 -> shop/api 9000', expect: 'deny' },
    ],
  },
  {
    name: 'podSelector: {} selects every pod of the namespace, never an external address',
    policies: policy('shop', 'p', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ to: [{ podSelector: {} }] }],
    }),
    flows: [
      { flow: 'shop/web -> shop/api 9000', expect: 'allow' },
      { flow: 'shop/web -> 192.0.2.1 443', expect: 'deny' },
      { flow: 'shop/web -> ops/prom 9090', expect: 'deny' },
    ],
  },
  {
    name: 'a missing from matches every source, outside the cluster too',
    policies: documents(
      policy('shop', 'p', { podSelector: API, ingress: [{ ports: [{ port: 9000 }] }] }),
    ),
    flows: [
      { flow: '192.0.2.1 -> shop/api 9000', expect: 'allow' },
      { flow: 'ops/prom -> shop/api 9000', expect: 'allow' },
      { flow: 'ops/prom -> shop/api 9090', expect: 'deny' },
    ],
  },
  {
    name: 'from: [] matches every source',
    policies: documents(
      policy('shop', 'p', ingressFrom()),
      policy('shop', 'deny-web', {
        podSelector: { matchLabels: { app: 'web' } },
        policyTypes: ['Ingress'],
      }),
    ),
    flows: [
      { flow: '2001:db8::1 -> shop/api 9000', expect: 'allow' },
      { flow: 'lab/box -> shop/api 1', expect: 'allow' },
      { flow: 'shop/web -> shop/api 9000/UDP', expect: 'allow' },
      { flow: 'shop/api -> shop/web 8080', expect: 'deny' },
    ],
  },
  {
    name: 'a rule {} admits everything; no rule at all admits nothing',
    policies: documents(
      policy('shop', 'all', { podSelector: API, ingress: [{}] }),
      policy('shop', 'none', { podSelector: { matchLabels: { app: 'web' } }, ingress: [] }),
    ),
    flows: [
      { flow: '192.0.2.1 -> shop/api 9000', expect: 'allow' },
      { flow: 'shop/api -> shop/web 8080', expect: 'deny' },
    ],
  },
  {
    name: 'to: [] in egress matches every destination, outside the cluster too',
    policies: policy('shop', 'p', {
      podSelector: API,
      policyTypes: ['Egress'],
      egress: [{ to: [], ports: [{ port: 443 }] }],
    }),
    flows: [
      { flow: 'shop/api -> 192.0.2.1 443', expect: 'allow' },
      { flow: 'shop/api -> 2001:db8::1 443', expect: 'allow' },
      { flow: 'shop/api -> 192.0.2.1 80', expect: 'deny' },
    ],
  },
  {
    name: 'ipBlock: cidr minus every except (IPv4)',
    policies: policy(
      'shop',
      'p',
      ingressFrom({ ipBlock: { cidr: '192.0.2.0/24', except: ['192.0.2.0/28', '192.0.2.64/26'] } }),
    ),
    flows: [
      { flow: '192.0.2.16 -> shop/api 9000', expect: 'allow' },
      { flow: '192.0.2.200 -> shop/api 9000', expect: 'allow' },
      { flow: '192.0.2.15 -> shop/api 9000', expect: 'deny' },
      { flow: '192.0.2.100 -> shop/api 9000', expect: 'deny' },
      { flow: '192.0.3.1 -> shop/api 9000', expect: 'deny' },
    ],
  },
  {
    name: 'ipBlock: cidr minus except (IPv6); an IPv4 address never falls in an IPv6 block',
    policies: policy(
      'shop',
      'p',
      ingressFrom({ ipBlock: { cidr: '2001:db8::/32', except: ['2001:db8:ff::/48'] } }),
    ),
    flows: [
      { flow: '2001:db8:1::5 -> shop/api 9000', expect: 'allow' },
      { flow: '2001:db8:ff::5 -> shop/api 9000', expect: 'deny' },
      { flow: '192.0.2.1 -> shop/api 9000', expect: 'deny' },
    ],
  },
  {
    name: 'ipBlock 0.0.0.0/0 matches every IPv4 address outside the cluster, not IPv6 ones',
    policies: policy('shop', 'p', {
      podSelector: API,
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }],
    }),
    flows: [
      { flow: 'shop/api -> 8.8.8.8 53/UDP', expect: 'allow' },
      { flow: 'shop/api -> 2001:4860::8888 53/UDP', expect: 'deny' },
    ],
  },
  {
    name: 'namespaces always carry kubernetes.io/metadata.name, declared or not',
    policies: documents(
      policy(
        'shop',
        'p',
        ingressFrom({
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ops' } },
        }),
      ),
      policy(
        'shop',
        'q',
        ingressFrom({
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ghost' } },
        }),
      ),
      `apiVersion: v1\nkind: Pod\nmetadata: { name: p, namespace: ghost }\nspec: { containers: [] }\n`,
    ),
    flows: [
      { flow: 'ops/prom -> shop/api 9000', expect: 'allow' },
      { flow: 'ghost/p -> shop/api 9000', expect: 'allow' },
      { flow: 'lab/box -> shop/api 9000', expect: 'deny' },
    ],
  },
]);
