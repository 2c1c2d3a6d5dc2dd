import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALLOW_ANNOTATION, DENY_ANNOTATION, previewLogs } from '../../../server/src/engine/logs';
import type { LogPreviewEntry } from '../../../server/src/engine/logs';
import {
  allowed,
  denied,
  makeFlow,
  makePod,
  namespaceMap,
  namespaceOf,
  open,
  policy,
  verdictOf,
} from './builders';
import { loggingOn } from './config-builders';

const WEB = makePod({ namespace: 'shop', name: 'web', ip: '10.244.0.10' });
const DB = makePod({ namespace: 'data', name: 'db', ip: '10.244.1.20' });
const FLOW = makeFlow(WEB, DB, 5432);
const ON = { [ALLOW_ANNOTATION]: 'true' };
const DELEGATE_ALLOW = loggingOn({ log: true, delegate: true });
const DELEGATE_DENY = loggingOn({ log: true }, { log: true, delegate: true });

function policiesOf(entry: LogPreviewEntry): unknown {
  return entry.logged ? entry.record.policies : entry.reason;
}

void describe('allow delegation (policy annotation)', () => {
  const plain = policy('data', 'allow-shop');
  const annotated = policy('data', 'allow-db', ON);

  void it('logs only the annotated policies, narrowed', () => {
    const verdict = verdictOf(open('egress'), allowed('ingress', plain, annotated));
    const [, ingress] = previewLogs(FLOW, verdict, DELEGATE_ALLOW, namespaceMap());
    assert.deepEqual(policiesOf(ingress), [
      { kind: 'NetworkPolicy', name: 'allow-db', namespace: 'data' },
    ]);
  });

  void it('lists every allowing policy without delegation, once each, sorted', () => {
    const verdict = verdictOf(open('egress'), allowed('ingress', plain, annotated, plain));
    const [, ingress] = previewLogs(FLOW, verdict, loggingOn(), namespaceMap());
    assert.deepEqual(policiesOf(ingress), [
      { kind: 'NetworkPolicy', name: 'allow-db', namespace: 'data' },
      { kind: 'NetworkPolicy', name: 'allow-shop', namespace: 'data' },
    ]);
  });

  void it('is not-delegated when no allowing policy is annotated, naming them', () => {
    const other = policy('data', 'also-allows', { [ALLOW_ANNOTATION]: 'True' });
    const verdict = verdictOf(open('egress'), allowed('ingress', plain, other));
    const [, ingress] = previewLogs(FLOW, verdict, DELEGATE_ALLOW, namespaceMap());
    assert.equal(ingress.logged, false);
    assert.ok(!ingress.logged);
    assert.equal(ingress.reason, 'not-delegated');
    assert.match(ingress.message, /data\/allow-shop/);
    assert.match(ingress.message, /data\/also-allows/);
    assert.deepEqual(ingress.fix, {
      target: 'policies',
      annotation: ALLOW_ANNOTATION,
      policies: [
        { kind: 'NetworkPolicy', name: 'allow-shop', namespace: 'data' },
        { kind: 'NetworkPolicy', name: 'also-allows', namespace: 'data' },
      ],
    });
  });

  void it('ignores a policy annotation for denies', () => {
    const verdict = verdictOf(open('egress'), denied('ingress', annotated));
    const [, ingress] = previewLogs(
      FLOW,
      verdict,
      DELEGATE_DENY,
      namespaceMap(namespaceOf('data')),
    );
    assert.equal(ingress.logged === false && ingress.reason, 'not-delegated');
  });
});

void describe('deny delegation (namespace annotation of the enforcing pod)', () => {
  const denyOn = { [DENY_ANNOTATION]: 'true' };

  void it('ingress: checks the destination namespace', () => {
    const verdict = verdictOf(open('egress'), denied('ingress', policy('data', 'deny-all')));
    const logged = namespaceMap(namespaceOf('shop'), namespaceOf('data', denyOn));
    const notLogged = namespaceMap(namespaceOf('shop', denyOn), namespaceOf('data'));
    assert.equal(previewLogs(FLOW, verdict, DELEGATE_DENY, logged)[1].logged, true);
    const [, ingress] = previewLogs(FLOW, verdict, DELEGATE_DENY, notLogged);
    assert.ok(!ingress.logged);
    assert.equal(ingress.reason, 'not-delegated');
    assert.match(ingress.message, /Namespace data\b/);
    assert.deepEqual(ingress.fix, {
      target: 'namespace',
      annotation: DENY_ANNOTATION,
      namespace: 'data',
    });
  });

  void it('egress: checks the source namespace', () => {
    const verdict = verdictOf(denied('egress', policy('shop', 'deny-all')), open('ingress'));
    const logged = namespaceMap(namespaceOf('shop', denyOn), namespaceOf('data'));
    const notLogged = namespaceMap(namespaceOf('shop'), namespaceOf('data', denyOn));
    assert.equal(previewLogs(FLOW, verdict, DELEGATE_DENY, logged)[0].logged, true);
    const [egress] = previewLogs(FLOW, verdict, DELEGATE_DENY, notLogged);
    assert.ok(!egress.logged);
    assert.match(egress.message, /Namespace shop\b/);
  });

  void it('needs the exact string "true", and a namespace the world knows', () => {
    const verdict = verdictOf(open('egress'), denied('ingress', policy('data', 'deny-all')));
    for (const value of ['True', 'yes', 'false', '']) {
      const namespaces = namespaceMap(namespaceOf('data', { [DENY_ANNOTATION]: value }));
      assert.equal(previewLogs(FLOW, verdict, DELEGATE_DENY, namespaces)[1].logged, false, value);
    }
    assert.equal(previewLogs(FLOW, verdict, DELEGATE_DENY, namespaceMap())[1].logged, false);
  });

  void it('ignores the namespace annotation for allows', () => {
    const verdict = verdictOf(open('egress'), allowed('ingress', policy('data', 'allow-shop')));
    const namespaces = namespaceMap(namespaceOf('data', { [ALLOW_ANNOTATION]: 'true' }));
    const [, ingress] = previewLogs(FLOW, verdict, DELEGATE_ALLOW, namespaces);
    assert.equal(ingress.logged === false && ingress.reason, 'not-delegated');
  });
});
