import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { check, problemsOf, spanIn, spanOf } from './helpers';

function cnp(spec: string, name = 'p'): string {
  return `apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata:
  name: ${name}
spec:
${spec}`;
}

const ADMIN = `  tier: Admin
  priority: 10
  subject:
    namespaces: {}
`;

function codes(text: string): string[] {
  return check(text).map((problem) => problem.code);
}

void describe('ClusterNetworkPolicy schema', () => {
  void it('accepts a policy with every standard field', () => {
    const text = cnp(`${ADMIN}  ingress:
    - name: monitoring
      action: Accept
      from:
        - namespaces: {matchLabels: {team: monitoring}}
        - pods: {namespaceSelector: {}, podSelector: {matchExpressions: [{key: app, operator: In, values: [web]}]}}
      protocols:
        - tcp: {destinationPort: {number: 8080}}
        - udp: {destinationPort: {range: {start: 1000, end: 2000}}}
        - destinationNamedPort: metrics
  egress:
    - action: Deny
      to:
        - networks: [10.0.0.0/8, "fd00::/8"]
`);
    assert.deepEqual(check(text), []);
  });

  void it('accepts the experimental nodes and domainNames peers', () => {
    const text = cnp(`${ADMIN}  egress:
    - action: Accept
      to:
        - nodes: {matchLabels: {role: infra}}
        - domainNames: ["*.example.com", kubernetes.io]
`);
    assert.deepEqual(check(text), []);
  });

  void it('requires tier, priority and subject, and checks their values', () => {
    const missing = cnp('  ingress: []\n');
    assert.deepEqual(codes(missing), ['missing-field']);
    const wrong = cnp(
      '  tier: Middle\n  priority: 1001\n  subject: {namespaces: {}}\n  ingress: [{action: Deny, from: [{namespaces: {}}]}]\n',
    );
    assert.deepEqual(check(wrong), [
      { code: 'invalid-value', span: spanOf(wrong, 'Middle') },
      { code: 'out-of-range', span: spanOf(wrong, '1001') },
    ]);
  });

  void it('reports a subject, peer or protocol that sets no field or several', () => {
    const text = cnp(`  tier: Admin
  priority: 1
  subject: {namespaces: {}, pods: {podSelector: {}}}
  egress:
    - action: Deny
      to:
        - {}
      protocols:
        - tcp: {destinationPort: {number: 1}}
          udp: {destinationPort: {number: 1}}
`);
    assert.deepEqual(codes(text), ['exactly-one-field', 'exactly-one-field', 'exactly-one-field']);
  });

  void it('reports ingress peers that only egress has, and unknown fields', () => {
    const text = cnp(`${ADMIN}  ingress:
    - action: Deny
      from:
        - networks: [10.0.0.0/8]
`);
    assert.deepEqual(check(text), [{ code: 'unknown-field', span: spanOf(text, 'networks') }]);
  });

  void it('limits rules to 25 and a rule name to 100 characters', () => {
    const rule = '    - action: Deny\n      from: [{namespaces: {}}]\n';
    const text = cnp(`${ADMIN}  ingress:\n${rule.repeat(26)}`);
    assert.ok(codes(text).includes('too-many-items'));
    const long = cnp(
      `${ADMIN}  ingress:\n    - name: ${'x'.repeat(101)}\n      action: Deny\n      from: [{namespaces: {}}]\n`,
    );
    assert.deepEqual(codes(long), ['schema-violation']);
  });

  void it('checks domain names against the CRD pattern', () => {
    const text = cnp(`${ADMIN}  egress:
    - action: Accept
      to:
        - domainNames: ["*example.com"]
`);
    assert.deepEqual(check(text), [
      { code: 'invalid-value', span: spanOf(text, '"*example.com"') },
    ]);
  });
});

void describe('ClusterNetworkPolicy CEL rules', () => {
  void it('rejects a port range whose start is not below its end', () => {
    const text = cnp(`${ADMIN}  ingress:
    - action: Deny
      from: [{namespaces: {}}]
      protocols:
        - tcp: {destinationPort: {range: {start: 80, end: 80}}}
`);
    assert.deepEqual(check(text), [
      { code: 'port-range-order', span: spanIn(text, 'start: 80', '80') },
    ]);
  });

  void it('rejects an invalid CIDR and warns about host bits', () => {
    const text = cnp(`${ADMIN}  egress:
    - action: Deny
      to:
        - networks: [10.0.0.1/8, 300.0.0.0/8]
`);
    assert.deepEqual(check(text), [
      { code: 'cidr-host-bits', span: spanOf(text, '10.0.0.1/8') },
      { code: 'invalid-cidr', span: spanOf(text, '300.0.0.0/8') },
    ]);
  });

  void it('rejects a named port beside nodes or domainNames, and warns beside networks', () => {
    const rejected = cnp(`${ADMIN}  egress:
    - action: Accept
      to:
        - nodes: {}
      protocols:
        - destinationNamedPort: http
`);
    assert.deepEqual(
      problemsOf(rejected).map(({ code, severity }) => [code, severity]),
      [['named-port-on-network-peer', 'error']],
    );
    const accepted = cnp(`${ADMIN}  egress:
    - action: Accept
      to:
        - networks: [10.0.0.0/8]
      protocols:
        - destinationNamedPort: http
`);
    assert.deepEqual(
      problemsOf(accepted).map(({ code, severity }) => [code, severity]),
      [['named-port-on-network-peer', 'warning']],
    );
  });
});

void describe('ClusterNetworkPolicy checks of ours', () => {
  void it('warns about Pass in the Baseline tier, not in Admin', () => {
    const rules = '  ingress:\n    - action: Pass\n      from: [{namespaces: {}}]\n';
    const baseline = cnp(`  tier: Baseline\n  priority: 1\n  subject: {namespaces: {}}\n${rules}`);
    assert.deepEqual(check(baseline), [
      { code: 'pass-in-baseline', span: spanOf(baseline, 'Pass') },
    ]);
    assert.deepEqual(check(cnp(`${ADMIN}${rules}`)), []);
  });

  void it('warns about domainNames in a Deny or Pass rule', () => {
    const text = cnp(`${ADMIN}  egress:
    - action: Deny
      to:
        - domainNames: [example.com]
`);
    assert.deepEqual(check(text), [
      { code: 'domain-names-not-accept', span: spanOf(text, 'domainNames') },
    ]);
  });

  void it('reports a selector operator the CRD lets through', () => {
    const text = cnp(`  tier: Admin
  priority: 1
  subject:
    pods:
      podSelector:
        matchExpressions:
          - {key: app, operator: Foo}
          - {key: app, operator: In}
  ingress:
    - action: Deny
      from: [{namespaces: {}}]
`);
    assert.deepEqual(check(text), [
      { code: 'invalid-selector-operator', span: spanOf(text, 'Foo') },
      { code: 'selector-values-required', span: spanIn(text, 'operator: In}', 'In') },
    ]);
  });

  void it('reports a rule shadowed by an earlier rule of the same policy and direction', () => {
    const text = cnp(`${ADMIN}  ingress:
    - name: all
      action: Deny
      from: [{namespaces: {}}]
    - name: web
      action: Accept
      from:
        - pods: {podSelector: {matchLabels: {app: web}}}
      protocols:
        - tcp: {destinationPort: {number: 80}}
  egress:
    - action: Accept
      to: [{networks: [10.0.0.0/8]}]
      protocols: [{tcp: {destinationPort: {range: {start: 1, end: 1000}}}}]
    - action: Deny
      to: [{networks: [10.1.0.0/16]}]
      protocols: [{tcp: {destinationPort: {number: 443}}}]
    - action: Deny
      to: [{networks: [10.1.0.0/16]}]
      protocols: [{udp: {destinationPort: {number: 443}}}]
`);
    assert.deepEqual(check(text), [
      { code: 'shadowed-rule', span: spanIn(text, '- name: web', 'name') },
      {
        code: 'shadowed-rule',
        span: spanIn(text, '    - action: Deny\n      to: [{networks: [10.1.0.0/16]}]', 'action'),
      },
    ]);
  });

  void it('does not call a rule shadowed when the earlier one matches less', () => {
    const text = cnp(`${ADMIN}  ingress:
    - action: Deny
      from: [{namespaces: {matchLabels: {a: b}}}]
      protocols: [{tcp: {destinationPort: {number: 80}}}]
    - action: Accept
      from: [{namespaces: {matchLabels: {a: b}}}]
`);
    assert.deepEqual(check(text), []);
  });

  void it('warns about a policy without rules', () => {
    const text = cnp(ADMIN);
    assert.deepEqual(check(text), [
      { code: 'cluster-policy-no-rules', span: spanOf(text, 'subject') },
    ]);
  });
});

void describe('AdminNetworkPolicy and BaselineAdminNetworkPolicy (v1alpha1)', () => {
  const anp = `apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata:
  name: old
spec:
  priority: 3
  subject: {namespaces: {}}
  ingress:
    - name: from-x
      action: Allow
      from: [{namespaces: {matchLabels: {x: y}}}]
      ports:
        - portNumber: {port: 80}
        - portRange: {protocol: UDP, start: 100, end: 200}
        - namedPort: http
`;

  void it('is a hint whose fix rewrites it as the equivalent ClusterNetworkPolicy', () => {
    const problems = problemsOf(anp);
    assert.deepEqual(
      problems.map((problem) => [problem.code, problem.severity]),
      [['cluster-policy-v1alpha1', 'hint']],
    );
    assert.deepEqual(problems[0]!.span, spanOf(anp, 'policy.networking.k8s.io/v1alpha1'));
    const [edit] = problems[0]!.fixes![0]!.edits;
    const rewritten = anp.slice(0, edit!.span.start) + edit!.newText + anp.slice(edit!.span.end);
    assert.deepEqual(parseDocument(rewritten).toJS(), {
      apiVersion: 'policy.networking.k8s.io/v1alpha2',
      kind: 'ClusterNetworkPolicy',
      metadata: { name: 'old' },
      spec: {
        tier: 'Admin',
        priority: 3,
        subject: { namespaces: {} },
        ingress: [
          {
            name: 'from-x',
            action: 'Accept',
            from: [{ namespaces: { matchLabels: { x: 'y' } } }],
            protocols: [
              { tcp: { destinationPort: { number: 80 } } },
              { udp: { destinationPort: { range: { start: 100, end: 200 } } } },
              { destinationNamedPort: 'http' },
            ],
          },
        ],
      },
    });
    assert.deepEqual(check(rewritten), []);
  });

  void it('rejects a BaselineAdminNetworkPolicy not named default, and Pass in it', () => {
    const text = `apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata:
  name: other
spec:
  subject: {namespaces: {}}
  ingress:
    - action: Pass
      from: [{namespaces: {}}]
`;
    assert.deepEqual(check(text), [
      { code: 'cluster-policy-v1alpha1', span: spanOf(text, 'policy.networking.k8s.io/v1alpha1') },
      { code: 'baseline-admin-name', span: spanOf(text, 'other') },
      { code: 'invalid-value', span: spanOf(text, 'Pass') },
    ]);
  });

  void it('rejects a networks peer beside a named port, and a port range out of order', () => {
    const text = anp
      .replace(
        '      from: [{namespaces: {matchLabels: {x: y}}}]\n',
        '      from: [{namespaces: {}}]\n',
      )
      .replace('ingress:', 'egress:')
      .replace('from:', 'to:')
      .replace('to: [{namespaces: {}}]', 'to: [{networks: [10.0.0.0/8]}]')
      .replace('end: 200', 'end: 100');
    assert.deepEqual(codes(text), [
      'cluster-policy-v1alpha1',
      'port-range-order',
      'named-port-on-network-peer',
    ]);
  });
});

void describe('GKE Dataplane V2', () => {
  void it('says nothing per policy: the support warning is one for the workspace', () => {
    const text = cnp(`${ADMIN}  ingress: [{action: Deny, from: [{namespaces: {}}]}]\n`);
    assert.deepEqual(check(text), []);
  });
});
