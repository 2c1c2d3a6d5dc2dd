import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { refactorPeersAt } from '../../../server/src/engine/ide/fix/peers';
import { applyEdits } from './apply-edits';

const TWO = `spec:
  ingress:
    - from:
        - podSelector:
            matchLabels:
              app: web
        - namespaceSelector: {matchLabels: {team: a}}
      ports:
        - port: 80
`;

const ONE = `spec:
  ingress:
    - from:
        - podSelector:
            matchLabels:
              app: web
          namespaceSelector: {matchLabels: {team: a}}
      ports:
        - port: 80
`;

void describe('peer refactorings', () => {
  void it('combines a podSelector peer and the next namespaceSelector peer', () => {
    const refactorings = refactorPeersAt(TWO, TWO.indexOf('app: web'));
    assert.equal(refactorings.length, 1);
    assert.equal(applyEdits(TWO, refactorings[0]!.edits), ONE);
  });

  void it('combines from the namespaceSelector peer too', () => {
    const [refactoring] = refactorPeersAt(TWO, TWO.indexOf('team'));
    assert.equal(applyEdits(TWO, refactoring!.edits), ONE);
  });

  void it('splits a peer with both selectors, and back again', () => {
    const [refactoring] = refactorPeersAt(ONE, ONE.indexOf('namespaceSelector'));
    const split = applyEdits(ONE, refactoring!.edits);
    assert.deepEqual(parse(split), parse(TWO));
    const [again] = refactorPeersAt(split, split.indexOf('podSelector'));
    assert.equal(applyEdits(split, again!.edits), ONE);
  });

  void it('offers nothing outside peers or for other shapes', () => {
    assert.deepEqual(refactorPeersAt(TWO, TWO.indexOf('port: 80')), []);
    const lone =
      'spec:\n  egress:\n    - to:\n        - podSelector: {}\n        - ipBlock: {cidr: 10.0.0.0/8}\n';
    assert.deepEqual(refactorPeersAt(lone, lone.indexOf('podSelector')), []);
  });

  void it('works in the second document of a file', () => {
    const text = `kind: A\n---\n${TWO}`;
    const [refactoring] = refactorPeersAt(text, text.indexOf('team'));
    assert.equal(applyEdits(text, refactoring!.edits), `kind: A\n---\n${ONE}`);
  });
});
