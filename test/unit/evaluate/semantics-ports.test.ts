import { documents, policy, runCases } from './fixture';

const API = { matchLabels: { app: 'api' } };
const ingressPorts = (...ports: unknown[]) => ({ podSelector: API, ingress: [{ ports }] });
const egressPorts = (...ports: unknown[]) => ({
  podSelector: { matchLabels: { app: 'web' } },
  policyTypes: ['Egress'],
  egress: [{ ports }],
});

runCases([
  {
    name: 'no ports: every port and every protocol',
    policies: policy('shop', 'p', { podSelector: API, ingress: [{ from: [{ podSelector: {} }] }] }),
    flows: [
      { flow: 'shop/web -> shop/api 1/UDP', expect: 'allow' },
      { flow: 'shop/web -> shop/api 65535/SCTP', expect: 'allow' },
      { flow: 'ops/prom -> shop/api 9000', expect: 'deny' },
    ],
  },
  {
    name: 'ports: [] means every port too',
    policies: documents(
      policy('shop', 'p', ingressPorts()),
      policy('shop', 'deny-web', {
        podSelector: { matchLabels: { app: 'web' } },
        policyTypes: ['Ingress'],
      }),
    ),
    flows: [
      { flow: 'shop/web -> shop/api 7000/SCTP', expect: 'allow' },
      { flow: 'shop/web -> shop/api 1', expect: 'allow' },
      { flow: 'shop/api -> shop/web 1', expect: 'deny' },
    ],
  },
  {
    name: 'protocol defaults to TCP',
    policies: policy('shop', 'p', ingressPorts({ port: 9000 })),
    flows: [
      { flow: 'shop/web -> shop/api 9000/TCP', expect: 'allow' },
      { flow: 'shop/web -> shop/api 9000/UDP', expect: 'deny' },
      { flow: 'shop/web -> shop/api 9001/TCP', expect: 'deny' },
    ],
  },
  {
    name: 'protocol without port: every port of that protocol',
    policies: policy('shop', 'p', ingressPorts({ protocol: 'UDP' })),
    flows: [
      { flow: 'shop/web -> shop/api 1/UDP', expect: 'allow' },
      { flow: 'shop/web -> shop/api 65535/UDP', expect: 'allow' },
      { flow: 'shop/web -> shop/api 53/TCP', expect: 'deny' },
    ],
  },
  {
    name: 'endPort makes an inclusive range',
    policies: policy('shop', 'p', ingressPorts({ port: 32000, endPort: 32768 })),
    flows: [
      { flow: 'shop/web -> shop/api 32000', expect: 'allow' },
      { flow: 'shop/web -> shop/api 32768', expect: 'allow' },
      { flow: 'shop/web -> shop/api 31999', expect: 'deny' },
      { flow: 'shop/web -> shop/api 32769', expect: 'deny' },
      { flow: 'shop/web -> shop/api 32100/UDP', expect: 'deny' },
    ],
  },
  {
    name: 'endPort with UDP and SCTP',
    policies: policy(
      'shop',
      'p',
      ingressPorts(
        { protocol: 'UDP', port: 8000, endPort: 8200 },
        { protocol: 'SCTP', port: 7000, endPort: 7000 },
      ),
    ),
    flows: [
      { flow: 'shop/web -> shop/api 8125/UDP', expect: 'allow' },
      { flow: 'shop/web -> shop/api 7000/SCTP', expect: 'allow' },
      { flow: 'shop/web -> shop/api 7001/SCTP', expect: 'deny' },
      { flow: 'shop/web -> shop/api 8125/TCP', expect: 'deny' },
    ],
  },
  {
    name: 'a named port is resolved on the destination pod (ingress)',
    policies: policy('shop', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 'http' }] }] }),
    flows: [
      { flow: 'ops/prom -> shop/api 9000', expect: 'allow' },
      { flow: 'ops/prom -> shop/web 8080', expect: 'allow' },
      { flow: 'ops/prom -> shop/api 8080', expect: 'deny' },
      { flow: 'ops/prom -> shop/web 9000', expect: 'deny' },
      { flow: 'ops/prom -> shop/api http', expect: 'allow' },
    ],
  },
  {
    name: 'a named port is resolved by name and protocol',
    policies: policy(
      'shop',
      'p',
      ingressPorts({ port: 'stats', protocol: 'UDP' }, { port: 'sig', protocol: 'TCP' }),
    ),
    flows: [
      { flow: 'shop/web -> shop/api 8125/UDP', expect: 'allow' },
      { flow: 'shop/web -> shop/api 8125/TCP', expect: 'deny' },
      { flow: 'shop/web -> shop/api 7000/SCTP', expect: 'deny' },
      { flow: 'shop/web -> shop/api 7000/TCP', expect: 'deny' },
    ],
  },
  {
    name: 'a named port in an egress rule is resolved on the destination pod',
    policies: policy('shop', 'p', egressPorts({ port: 'http' })),
    flows: [
      { flow: 'shop/web -> shop/api 9000', expect: 'allow' },
      { flow: 'shop/web -> lab/box 8081', expect: 'allow' },
      { flow: 'shop/web -> shop/api 8080', expect: 'deny' },
      { flow: 'shop/web -> ops/prom 9000', expect: 'deny' },
    ],
  },
  {
    name: 'an address outside the cluster has no named ports',
    policies: policy('shop', 'p', egressPorts({ port: 'http' }, { port: 443 })),
    flows: [
      { flow: 'shop/web -> 192.0.2.1 443', expect: 'allow' },
      { flow: 'shop/web -> 192.0.2.1 8080', expect: 'deny' },
      { flow: 'shop/web -> 192.0.2.1 9000', expect: 'deny' },
    ],
  },
]);
