import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { analyzeFile } from '../../../server/src/engine/analysis/analyze-file';
import type { Problem } from '../../../server/src/engine/core/problem';
import { applyEdits } from '../fix/apply-edits';

const OPTIONS = { maxFileSize: 1_000_000 };

function problems(text: string): readonly Problem[] {
  return analyzeFile('file:///a.yaml', text, OPTIONS).problems;
}

/** Applies the only fix of the only problem with `code`; returns the new text. */
function fixed(text: string, code: string): string {
  const found = problems(text).filter((problem) => problem.code === code);
  assert.equal(found.length, 1, `one ${code} in ${JSON.stringify(problems(text))}`);
  const fixes = found[0]?.fixes ?? [];
  assert.equal(fixes.length, 1);
  return applyEdits(text, fixes[0]!.edits);
}

function assertClean(text: string): void {
  assert.ok(parseAllDocuments(text).every((document) => document.errors.length === 0));
  assert.deepEqual(
    problems(text).map((problem) => problem.code),
    [],
  );
}

const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
  namespace: shop
`;

void describe('fixes on check problems', () => {
  void it('renames an unknown field to the nearest valid name', () => {
    const text = `${POLICY}spec:\n  podSelectr: {}\n`;
    const problem = problems(text).find((candidate) => candidate.code === 'unknown-field');
    const start = text.indexOf('podSelectr');
    assert.deepEqual(problem?.fixes?.[0]?.edits, [
      { span: { start, end: start + 'podSelectr'.length }, newText: 'podSelector' },
    ]);
    assert.equal(problem?.fixes?.[0]?.preferred, true);
    assertClean(fixed(text, 'unknown-field'));
  });

  void it('offers no rename without a suggestion, or when the name is taken', () => {
    const far = problems(`${POLICY}spec:\n  podSelector: {}\n  zzzzzzzz: 1\n`);
    assert.equal(far.find((problem) => problem.code === 'unknown-field')?.fixes, undefined);
    const taken = problems(`${POLICY}spec:\n  podSelector: {}\n  podSelectr: {}\n`);
    assert.equal(taken.find((problem) => problem.code === 'unknown-field')?.fixes, undefined);
  });

  void it('sets a logging annotation to "true"', () => {
    const text = `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  annotations:\n    policy.network.gke.io/enable-deny-logging: yes\n`;
    const result = fixed(text, 'logging-annotation-value');
    assert.match(result, /enable-deny-logging: "true"\n/);
    assertClean(result);
  });

  void it('adds the missing direction to a block policyTypes list', () => {
    const text = `${POLICY}spec:\n  podSelector: {}\n  policyTypes:\n    - Ingress  # in\n  egress:\n    - {}\n`;
    const result = fixed(text, 'policy-types-omits-direction');
    assert.match(result, /    - Ingress {2}# in\n {4}- Egress\n {2}egress:/);
    assertClean(result);
  });

  void it('adds the missing direction to a flow policyTypes list', () => {
    const text = `${POLICY}spec:\n  podSelector: {}\n  policyTypes: [Egress]\n  ingress:\n    - {}\n`;
    const result = fixed(text, 'policy-types-omits-direction');
    assert.match(result, /policyTypes: \[Egress, Ingress\]\n/);
    assertClean(result);
  });

  void it('places the policyTypes fix in the right document of a file', () => {
    const second = `${POLICY}spec:\n  podSelector: {}\n  policyTypes:\n  - Ingress\n  egress: [{}]\n`;
    const text = `${POLICY}spec:\n  podSelector: {}\n---\n${second}`;
    const result = fixed(text, 'policy-types-omits-direction');
    assert.ok(result.endsWith('  - Ingress\n  - Egress\n  egress: [{}]\n'));
    assertClean(result);
  });
});
