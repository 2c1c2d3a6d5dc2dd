import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeField } from '../../../server/src/engine/check';

void describe('describeField', () => {
  void it("describes spec.podSelector with its own description, not LabelSelector's", () => {
    const field = describeField('NetworkPolicy', ['spec', 'podSelector']);
    assert.match(field?.description ?? '', /policy's namespace/);
    assert.equal(field?.type, 'object');
  });

  void it('walks lists and $refs down to a peer field', () => {
    const field = describeField('NetworkPolicy', [
      'spec',
      'ingress',
      0,
      'from',
      1,
      'namespaceSelector',
    ]);
    assert.match(field?.description ?? '', /namespaces/);
  });

  void it('gives enums and the int-or-string type', () => {
    const ports = ['spec', 'egress', 0, 'ports', 0];
    assert.deepEqual(describeField('NetworkPolicy', [...ports, 'protocol'])?.enum, [
      'TCP',
      'UDP',
      'SCTP',
    ]);
    assert.equal(describeField('NetworkPolicy', [...ports, 'port'])?.type, 'integer | string');
    assert.deepEqual(describeField('NetworkPolicy', ['spec', 'policyTypes', 0])?.enum, [
      'Ingress',
      'Egress',
    ]);
  });

  void it('follows the shared ObjectMeta schema and map values', () => {
    assert.match(
      describeField('NetworkPolicy', ['metadata', 'namespace'])?.description ?? '',
      /namespace/,
    );
    assert.equal(describeField('NetworkPolicy', ['metadata', 'labels', 'app'])?.type, 'string');
  });

  void it("prefers NetworkLogging's own metadata.name over ObjectMeta's", () => {
    assert.match(
      describeField('NetworkLogging', ['metadata', 'name'])?.description ?? '',
      /default/,
    );
    assert.equal(
      describeField('NetworkLogging', ['spec', 'cluster', 'deny', 'delegate'])?.type,
      'boolean',
    );
    assert.ok(describeField('NetworkLogging', ['metadata', 'labels']));
  });

  void it('describes SampleFlows fields', () => {
    assert.deepEqual(describeField('SampleFlows', ['spec', 'flows', 3, 'expect'])?.enum, [
      'allow',
      'deny',
    ]);
  });

  void it('returns undefined for unknown paths and kinds without a schema', () => {
    assert.equal(describeField('NetworkPolicy', ['spec', 'namespaceSelecter']), undefined);
    assert.equal(
      describeField('NetworkPolicy', ['spec', 'podSelector', 'matchLabels', 'a', 'b']),
      undefined,
    );
    assert.equal(describeField('Pod', ['spec']), undefined);
  });

  void it('describes the object itself for an empty path', () => {
    assert.match(describeField('NetworkPolicy', [])?.description ?? '', /NetworkPolicy/);
  });
});
