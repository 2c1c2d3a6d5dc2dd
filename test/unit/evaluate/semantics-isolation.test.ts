import { documents, policy, runCases } from './fixture';

const API = { matchLabels: { app: 'api' } };
const WEB = { matchLabels: { app: 'web' } };

runCases([
  {
    name: 'a pod is isolated only when a policy of its namespace selects it for that direction',
    policies: policy('shop', 'deny-api', { podSelector: API, policyTypes: ['Ingress'] }),
    flows: [
      {
        flow: 'shop/api -> shop/web 8080',
        expect: 'allow',
        egress: 'not-isolated',
        ingress: 'not-isolated',
      },
      { flow: 'shop/web -> shop/api 9000', expect: 'deny', ingress: 'no-rule-matches' },
      { flow: 'ops/prom -> shop/web 8080', expect: 'allow', ingress: 'not-isolated' },
    ],
  },
  {
    name: 'a policy in another namespace does not isolate the pod',
    policies: policy('ops', 'deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
    flows: [
      {
        flow: 'shop/web -> shop/api 9000',
        expect: 'allow',
        egress: 'not-isolated',
        ingress: 'not-isolated',
      },
      {
        flow: 'shop/web -> ops/prom 9090',
        expect: 'deny',
        egress: 'not-isolated',
        ingress: 'no-rule-matches',
      },
    ],
  },
  {
    name: 'policyTypes absent with egress rules: Ingress and Egress, so ingress is denied too',
    policies: policy('shop', 'egress-only', {
      podSelector: API,
      egress: [{ to: [{ podSelector: WEB }] }],
    }),
    flows: [
      { flow: 'shop/api -> shop/web 8080', expect: 'allow', egress: 'allowed-by-rule' },
      { flow: 'shop/api -> ops/prom 9090', expect: 'deny', egress: 'no-rule-matches' },
      { flow: 'shop/web -> shop/api 9000', expect: 'deny', ingress: 'no-rule-matches' },
    ],
  },
  {
    name: 'policyTypes absent and egress: [] does not add Egress',
    policies: policy('shop', 'empty-egress', { podSelector: API, egress: [] }),
    flows: [
      { flow: 'shop/api -> ops/prom 9090', expect: 'allow', egress: 'not-isolated' },
      { flow: 'shop/web -> shop/api 9000', expect: 'deny', ingress: 'no-rule-matches' },
    ],
  },
  {
    name: 'policyTypes as written: Egress only leaves ingress open',
    policies: policy('shop', 'egress', { podSelector: API, policyTypes: ['Egress'], ingress: [] }),
    flows: [
      { flow: 'shop/web -> shop/api 9000', expect: 'allow', ingress: 'not-isolated' },
      { flow: 'shop/api -> shop/web 8080', expect: 'deny', egress: 'no-rule-matches' },
    ],
  },
  {
    name: 'policies are additive: the union of every selecting policy is allowed',
    policies: documents(
      policy('shop', 'from-web', { podSelector: API, ingress: [{ from: [{ podSelector: WEB }] }] }),
      policy('shop', 'from-ops', {
        podSelector: {},
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'ops' } } }] }],
      }),
    ),
    flows: [
      { flow: 'shop/web -> shop/api 9000', expect: 'allow', ingress: 'allowed-by-rule' },
      { flow: 'ops/prom -> shop/api 9000', expect: 'allow', ingress: 'allowed-by-rule' },
      { flow: 'shop/api -> shop/web 8080', expect: 'deny', ingress: 'no-rule-matches' },
    ],
  },
  {
    name: 'an except in one policy does not stop another policy from allowing the address',
    policies: documents(
      policy('shop', 'most', {
        podSelector: API,
        ingress: [
          { from: [{ ipBlock: { cidr: '203.0.113.0/24', except: ['203.0.113.128/25'] } }] },
        ],
      }),
      policy('shop', 'one', {
        podSelector: API,
        ingress: [{ from: [{ ipBlock: { cidr: '203.0.113.200/32' } }] }],
      }),
    ),
    flows: [
      { flow: '203.0.113.5 -> shop/api 9000', expect: 'allow' },
      { flow: '203.0.113.200 -> shop/api 9000', expect: 'allow' },
      { flow: '203.0.113.201 -> shop/api 9000', expect: 'deny' },
    ],
  },
  {
    name: 'a connection needs the egress of the source and the ingress of the destination',
    policies: documents(
      policy('shop', 'web-egress', {
        podSelector: WEB,
        policyTypes: ['Egress'],
        egress: [{ to: [{ podSelector: API }] }],
      }),
      policy('shop', 'api-ingress', {
        podSelector: API,
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'ops' } } }] }],
      }),
    ),
    flows: [
      {
        flow: 'shop/web -> shop/api 9000',
        expect: 'deny',
        egress: 'allowed-by-rule',
        ingress: 'no-rule-matches',
      },
      {
        flow: 'ops/prom -> shop/api 9000',
        expect: 'allow',
        egress: 'not-isolated',
        ingress: 'allowed-by-rule',
      },
      {
        flow: 'shop/web -> ops/prom 9000',
        expect: 'deny',
        egress: 'no-rule-matches',
        ingress: 'not-isolated',
      },
    ],
  },
  {
    name: 'a policy that allows only UDP still isolates the pod: TCP is denied',
    policies: policy('shop', 'udp-only', {
      podSelector: API,
      ingress: [{ ports: [{ protocol: 'UDP', port: 8125 }] }],
    }),
    flows: [
      { flow: 'shop/web -> shop/api 8125/UDP', expect: 'allow' },
      { flow: 'shop/web -> shop/api 8125/TCP', expect: 'deny' },
    ],
  },
  {
    name: 'a policy that allows only SCTP still isolates the pod',
    policies: policy('shop', 'sctp-only', {
      podSelector: API,
      ingress: [{ ports: [{ protocol: 'SCTP' }] }],
    }),
    flows: [
      { flow: 'shop/web -> shop/api 7000/SCTP', expect: 'allow' },
      { flow: 'shop/web -> shop/api 7000/UDP', expect: 'deny' },
      { flow: 'shop/web -> shop/api 7000/TCP', expect: 'deny' },
    ],
  },
  {
    name: 'an endpoint outside the cluster has no side of its own',
    policies: policy('shop', 'deny-egress', { podSelector: {}, policyTypes: ['Egress'] }),
    flows: [
      {
        flow: '198.51.100.1 -> shop/api 9000',
        expect: 'allow',
        egress: 'no-side',
        ingress: 'not-isolated',
      },
      {
        flow: 'shop/api -> 198.51.100.1 443',
        expect: 'deny',
        egress: 'no-rule-matches',
        ingress: 'no-side',
      },
    ],
  },
  {
    name: 'a missing spec.podSelector selects nothing (the API server rejects it)',
    policies: documents(
      policy('shop', 'no-selector', { policyTypes: ['Ingress'] }),
      policy('shop', 'deny-web', { podSelector: WEB, policyTypes: ['Ingress'] }),
    ),
    flows: [
      { flow: 'shop/web -> shop/api 9000', expect: 'allow', ingress: 'not-isolated' },
      { flow: 'shop/api -> shop/web 8080', expect: 'deny' },
    ],
  },
]);
