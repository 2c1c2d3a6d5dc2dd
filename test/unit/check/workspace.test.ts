import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkObjects } from '../../../server/src/engine/check';
import type { PlacedObject } from '../../../server/src/engine/core/source';
import type { Span } from '../../../server/src/engine/core/span';
import { placedObjectsOf, spanOf } from './helpers';

const LOGGING =
  'apiVersion: networking.gke.io/v1alpha1\nkind: NetworkLogging\nmetadata:\n  name: default\n';
const DELEGATE_ALL = `${LOGGING}spec:\n  cluster:\n    allow: {log: true, delegate: true}\n    deny: {log: true, delegate: true}\n`;
const ANNOTATED_POLICY =
  '---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web\n  annotations:\n    policy.network.gke.io/enable-logging: "true"\nspec:\n  podSelector: {}\n';
const ANNOTATED_NAMESPACE =
  '---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  annotations:\n    policy.network.gke.io/enable-deny-logging: "true"\n';

function summary(objects: readonly PlacedObject[]): { uri: string; code: string; span: Span }[] {
  return checkObjects(objects).map(({ uri, problem }) => ({
    uri,
    code: problem.code,
    span: problem.span,
  }));
}

void describe('checkObjects', () => {
  void it('accepts one NetworkLogging whose delegation has annotated objects', () => {
    const objects = placedObjectsOf('file:///a.yaml', [
      DELEGATE_ALL,
      ANNOTATED_POLICY,
      ANNOTATED_NAMESPACE,
    ]);
    assert.deepEqual(summary(objects), []);
  });

  void it('reports each extra NetworkLogging, relating it to the first, across files', () => {
    const second = `---\n${LOGGING}`;
    const objects = [
      ...placedObjectsOf('file:///b.yaml', [LOGGING, second]),
      ...placedObjectsOf('file:///a.yaml', [LOGGING]),
    ];
    const problems = checkObjects(objects);
    assert.deepEqual(
      problems.map(({ uri, problem }) => ({ uri, code: problem.code })),
      [
        { uri: 'file:///b.yaml', code: 'duplicate-network-logging' },
        { uri: 'file:///b.yaml', code: 'duplicate-network-logging' },
      ],
    );
    const nameInSecond = LOGGING.length + spanOf(second, 'default').start;
    assert.deepEqual(problems[1]?.problem.span, {
      start: nameInSecond,
      end: nameInSecond + 'default'.length,
    });
    assert.deepEqual(problems[0]?.problem.related?.[0], {
      message: 'The first NetworkLogging.',
      span: spanOf(LOGGING, 'default'),
      uri: 'file:///a.yaml',
    });
  });

  void it('relates an extra NetworkLogging in the same file without a uri', () => {
    const objects = placedObjectsOf('file:///a.yaml', [LOGGING, `---\n${LOGGING}`]);
    assert.equal(checkObjects(objects)[0]?.problem.related?.[0]?.uri, undefined);
  });

  void it('warns when allow.delegate has no annotated NetworkPolicy', () => {
    const objects = placedObjectsOf('file:///a.yaml', [DELEGATE_ALL, ANNOTATED_NAMESPACE]);
    const delegate = spanOf(DELEGATE_ALL, 'delegate');
    assert.deepEqual(summary(objects), [
      { uri: 'file:///a.yaml', code: 'allow-delegate-without-annotation', span: delegate },
    ]);
  });

  void it('warns when deny.delegate has no Namespace with "true", at an absolute span', () => {
    const notTrue = ANNOTATED_NAMESPACE.replace('"true"', '"yes"');
    const objects = placedObjectsOf('file:///a.yaml', [ANNOTATED_POLICY, DELEGATE_ALL, notTrue]);
    const start = ANNOTATED_POLICY.length + spanOf(DELEGATE_ALL, 'delegate', 1).start;
    assert.deepEqual(summary(objects), [
      {
        uri: 'file:///a.yaml',
        code: 'deny-delegate-without-annotation',
        span: { start, end: start + 8 },
      },
    ]);
  });

  void it('leaves delegation with log false to the per-object error', () => {
    const text = `${LOGGING}spec:\n  cluster:\n    allow: {log: false, delegate: true}\n`;
    assert.deepEqual(summary(placedObjectsOf('file:///a.yaml', [text])), []);
  });
});
