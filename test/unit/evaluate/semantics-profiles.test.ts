import { documents, policy, runCases } from './fixture';

const API = { matchLabels: { app: 'api' } };
const AGENT = { matchLabels: { app: 'agent' } };

runCases([
  {
    name: 'ipBlock and pod IPs: never on gke-dataplane-v2, always under kubernetes',
    policies: policy('shop', 'p', {
      podSelector: API,
      ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/16' } }] }],
    }),
    flows: [
      { flow: 'shop/web -> shop/api 9000', expect: 'deny', only: 'gke-dataplane-v2' },
      { flow: 'shop/web -> shop/api 9000', expect: 'allow', only: 'kubernetes' },
      { flow: '10.0.200.1 -> shop/api 9000', expect: 'allow' },
      { flow: '10.1.0.1 -> shop/api 9000', expect: 'deny' },
    ],
  },
  {
    name: 'ipBlock and pod IPv6 addresses follow the profile too',
    policies: policy('shop', 'p', {
      podSelector: API,
      ingress: [{ from: [{ ipBlock: { cidr: 'fd00::/64' } }] }],
    }),
    flows: [
      { flow: 'lab/box -> shop/api 9000', expect: 'deny', only: 'gke-dataplane-v2' },
      { flow: 'fd00::6 -> shop/api 9000', expect: 'allow', only: 'kubernetes' },
      { flow: 'fd00::7 -> shop/api 9000', expect: 'allow' },
      { flow: 'fd00:1::7 -> shop/api 9000', expect: 'deny' },
    ],
  },
  {
    name: 'an egress ipBlock toward a pod follows the profile',
    policies: policy('shop', 'p', {
      podSelector: { matchLabels: { app: 'web' } },
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.0.1.0/24'] } }] }],
    }),
    flows: [
      { flow: 'shop/web -> shop/api 9000', expect: 'deny', only: 'gke-dataplane-v2' },
      { flow: 'shop/web -> shop/api 9000', expect: 'allow', only: 'kubernetes' },
      { flow: 'shop/web -> ops/prom 9090', expect: 'deny' },
      { flow: 'shop/web -> 10.9.9.9 9090', expect: 'allow' },
    ],
  },
  {
    name: 'host-network pods: not isolated on gke-dataplane-v2, pods with labels under kubernetes',
    policies: policy('ops', 'deny-agent', {
      podSelector: AGENT,
      policyTypes: ['Ingress', 'Egress'],
    }),
    flows: [
      {
        flow: 'shop/web -> ops/agent 10250',
        expect: 'allow',
        only: 'gke-dataplane-v2',
        ingress: 'host-network',
      },
      {
        flow: 'ops/agent -> shop/web 8080',
        expect: 'allow',
        only: 'gke-dataplane-v2',
        egress: 'host-network',
      },
      {
        flow: 'shop/web -> ops/agent 10250',
        expect: 'deny',
        only: 'kubernetes',
        ingress: 'no-rule-matches',
      },
      {
        flow: 'ops/agent -> shop/web 8080',
        expect: 'deny',
        only: 'kubernetes',
        egress: 'no-rule-matches',
      },
    ],
  },
  {
    name: 'selector peers never match a host-network pod on gke-dataplane-v2',
    policies: policy('shop', 'p', {
      podSelector: API,
      ingress: [{ from: [{ namespaceSelector: {}, podSelector: AGENT }] }],
    }),
    flows: [
      { flow: 'ops/agent -> shop/api 9000', expect: 'deny', only: 'gke-dataplane-v2' },
      { flow: 'ops/agent -> shop/api 9000', expect: 'allow', only: 'kubernetes' },
      { flow: 'ops/prom -> shop/api 9000', expect: 'deny' },
    ],
  },
  {
    name: 'ipBlock never matches a host-network pod on gke-dataplane-v2',
    policies: documents(
      policy('shop', 'p', {
        podSelector: API,
        ingress: [{ from: [{ ipBlock: { cidr: '10.128.0.0/16' } }] }],
      }),
    ),
    flows: [
      { flow: 'ops/agent -> shop/api 9000', expect: 'deny', only: 'gke-dataplane-v2' },
      { flow: 'ops/agent -> shop/api 9000', expect: 'allow', only: 'kubernetes' },
      { flow: '10.128.0.3 -> shop/api 9000', expect: 'allow' },
    ],
  },
]);
