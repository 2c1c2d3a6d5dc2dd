import { documents, policy, runCases } from './fixture';

const fromPods = (podSelector: unknown) => ({
  podSelector: { matchLabels: { app: 'api' } },
  ingress: [{ from: [{ podSelector, namespaceSelector: {} }] }],
});
const expression = (key: string, operator: string, values?: string[]) => ({
  matchExpressions: [values === undefined ? { key, operator } : { key, operator, values }],
});

runCases([
  {
    name: 'matchLabels and matchExpressions are ANDed',
    policies: policy(
      'shop',
      'p',
      fromPods({ matchLabels: { tier: 'front' }, ...expression('app', 'In', ['web', 'box']) }),
    ),
    flows: [
      { flow: 'shop/web -> shop/api 9000', expect: 'allow' },
      { flow: 'lab/box -> shop/api 9000', expect: 'deny' },
    ],
  },
  {
    name: 'In matches a value in the list',
    policies: policy('shop', 'p', fromPods(expression('app', 'In', ['web', 'prom']))),
    flows: [
      { flow: 'ops/prom -> shop/api 9000', expect: 'allow' },
      { flow: 'lab/box -> shop/api 9000', expect: 'deny' },
    ],
  },
  {
    name: 'NotIn matches other values and pods that lack the key',
    policies: policy('shop', 'p', fromPods(expression('tier', 'NotIn', ['front']))),
    flows: [
      { flow: 'ops/prom -> shop/api 9000', expect: 'allow' },
      { flow: 'shop/api -> shop/api 9000', expect: 'allow' },
      { flow: 'shop/web -> shop/api 9000', expect: 'deny' },
    ],
  },
  {
    name: 'Exists matches pods with the key, whatever the value',
    policies: policy('shop', 'p', fromPods(expression('tier', 'Exists'))),
    flows: [
      { flow: 'shop/web -> shop/api 9000', expect: 'allow' },
      { flow: 'ops/prom -> shop/api 9000', expect: 'deny' },
    ],
  },
  {
    name: 'DoesNotExist matches pods that lack the key',
    policies: policy('shop', 'p', fromPods(expression('tier', 'DoesNotExist'))),
    flows: [
      { flow: 'lab/box -> shop/api 9000', expect: 'allow' },
      { flow: 'shop/web -> shop/api 9000', expect: 'deny' },
    ],
  },
  {
    name: 'namespaceSelector expressions: NotIn matches namespaces that lack the key',
    policies: policy('shop', 'p', {
      podSelector: { matchLabels: { app: 'api' } },
      ingress: [{ from: [{ namespaceSelector: expression('env', 'NotIn', ['prod']) }] }],
    }),
    flows: [
      { flow: 'ops/prom -> shop/api 9000', expect: 'allow' },
      { flow: 'lab/box -> shop/api 9000', expect: 'allow' },
      { flow: 'shop/web -> shop/api 9000', expect: 'deny' },
    ],
  },
  {
    name: 'an empty selector matches everything; spec.podSelector {} selects every pod',
    policies: documents(
      policy('shop', 'p', { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }] }),
    ),
    flows: [
      { flow: 'shop/web -> shop/api 9000', expect: 'allow' },
      { flow: 'shop/api -> shop/web 8080', expect: 'allow' },
      { flow: 'ops/prom -> shop/web 8080', expect: 'deny' },
    ],
  },
  {
    name: 'spec.podSelector with matchExpressions chooses which pods are isolated',
    policies: policy('shop', 'p', {
      podSelector: expression('app', 'NotIn', ['web']),
      policyTypes: ['Ingress'],
    }),
    flows: [
      { flow: 'shop/api -> shop/web 8080', expect: 'allow', ingress: 'not-isolated' },
      { flow: 'shop/web -> shop/api 9000', expect: 'deny', ingress: 'no-rule-matches' },
    ],
  },
  {
    name: 'a selector the API server rejects (In without values) matches nothing',
    policies: policy('shop', 'p', fromPods(expression('app', 'In', []))),
    flows: [
      { flow: 'shop/web -> shop/api 9000', expect: 'deny' },
      { flow: 'shop/web -> shop/web 9000', expect: 'allow' },
    ],
  },
]);
