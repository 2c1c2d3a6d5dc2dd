import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { checkObject, checkObjects } from '../../../server/src/engine/check';
import type { PlacedObject, SourceObject } from '../../../server/src/engine/core/source';
import { stringify } from 'yaml';
import { check, objectsOf, policy, spanOf } from './helpers';

const KINDS = [
  ['networking.k8s.io/v1', 'NetworkPolicy'],
  ['networking.gke.io/v1alpha1', 'NetworkLogging'],
  ['netpol-lens.dev/v1alpha1', 'SampleFlows'],
  ['v1', 'Namespace'],
] as const;

// Junk shaped like the real thing: known field names at any depth, with values of any type.
const FIELD = fc.constantFrom(
  'metadata',
  'spec',
  'annotations',
  'labels',
  'name',
  'namespace',
  'podSelector',
  'namespaceSelector',
  'ingress',
  'egress',
  'from',
  'to',
  'ports',
  'port',
  'endPort',
  'protocol',
  'ipBlock',
  'cidr',
  'except',
  'policyTypes',
  'matchLabels',
  'matchExpressions',
  'key',
  'operator',
  'values',
  'cluster',
  'allow',
  'deny',
  'log',
  'delegate',
  'flows',
  'policy.network.gke.io/enable-logging',
);
const { junk } = fc.letrec((tie) => ({
  junk: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(
      null,
      true,
      0,
      -1,
      70000,
      1.5,
      '',
      'true',
      'In',
      'SCTP',
      '10.0.0.1/8',
      '::/0',
      'x/y',
    ),
    fc.array(tie('junk'), { maxLength: 3 }),
    fc.dictionary(FIELD, tie('junk'), { maxKeys: 4 }),
  ),
}));

// Through real YAML, so spans come from the real locate.
function sourceObject(
  apiVersion: string,
  kind: string,
  value: Record<string, unknown>,
): SourceObject {
  const [object] = objectsOf(stringify({ ...value, apiVersion, kind }));
  assert.ok(object);
  return object;
}

void describe('robustness', () => {
  void it('never throws on junk of any shape, and never repeats a code on a span', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...KINDS),
        fc.dictionary(FIELD, junk, { maxKeys: 5 }),
        ([apiVersion, kind], value) => {
          const object = sourceObject(apiVersion, kind, value);
          const problems = checkObject(object);
          const keys = problems.map(
            (problem) => `${problem.code} ${problem.span.start} ${problem.span.end}`,
          );
          assert.equal(new Set(keys).size, keys.length);
          const placed: PlacedObject = { ...object, uri: 'file:///x.yaml', offset: 10 };
          checkObjects([placed, placed]);
        },
      ),
      { numRuns: 400 },
    );
  });

  void it('ignores kinds it does not check', () => {
    assert.deepEqual(check('apiVersion: v1\nkind: ConfigMap\ndata: {a: 1}\n'), []);
    assert.deepEqual(check('apiVersion: networking.k8s.io/v2\nkind: NetworkPolicy\nspec: 1\n'), []);
  });

  void it('checks each item of a kind: List', () => {
    const text = `apiVersion: v1\nkind: List\nitems:\n  - ${policy('  podSelectr: {}\n').replace(/\n/g, '\n    ')}`;
    assert.deepEqual(check(text), [
      { code: 'missing-field', span: spanOf(text, 'spec') },
      { code: 'unknown-field', span: spanOf(text, 'podSelectr') },
    ]);
  });
});
