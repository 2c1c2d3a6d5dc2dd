import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeFile } from '../../../server/src/engine';
import { updateFile } from '../../../server/src/engine/incremental/update-file';
import {
  clampMaxFileSize,
  MAX_DOCUMENT_ENTRIES,
  MAX_FILE_DOCUMENTS,
  MAX_FILE_PROBLEMS,
} from '../../../server/src/engine/core/limits';
import { parseYamlDocument } from '../../../server/src/engine/parse/parse-document';
import { toSettings } from '../../../server/src/settings';

const URI = 'file:///hostile.yaml';

describe('limits of the work per file', () => {
  it('refuses a document of more entries than the limit, with one problem', () => {
    const text = 'a: b\n'.repeat(MAX_DOCUMENT_ENTRIES);
    const parsed = parseYamlDocument(text);
    assert.equal(parsed.value, undefined);
    assert.deepEqual(
      parsed.problems.map((problem) => [problem.code, problem.span]),
      [['document-too-large', { start: 0, end: text.indexOf('\n') }]],
    );
  });

  it('counts flow items as entries', () => {
    const text = `[${'1,'.repeat(MAX_DOCUMENT_ENTRIES)}1]\n`;
    assert.deepEqual(
      parseYamlDocument(text).problems.map((problem) => problem.code),
      ['document-too-large'],
    );
  });

  it('analyses a document just under the limit', () => {
    const text = `${Array.from({ length: MAX_DOCUMENT_ENTRIES - 2 }, (_, index) => `k${index}: v`).join('\n')}\n`;
    const parsed = parseYamlDocument(text);
    assert.deepEqual(parsed.problems, []);
    assert.equal(Object.keys(parsed.value as object).length, MAX_DOCUMENT_ENTRIES - 2);
  });

  it('keeps the first problems of a file and counts the rest in one, as severe as the worst', () => {
    const text = `x: &a 1\n${'a: b\n'.repeat(2000)}`;
    const file = analyzeFile(URI, text, { maxFileSize: 1_000_000 });
    assert.equal(file.problems.length, MAX_FILE_PROBLEMS + 1);
    assert.ok(file.problems.slice(0, -1).every((problem) => problem.code === 'duplicate-key'));
    const summary = file.problems.at(-1);
    assert.equal(summary?.code, 'too-many-problems');
    assert.equal(summary.severity, 'error');
    assert.match(summary.message, /\b1499\b/);
  });

  it('keeps errors before warnings, so an error typed below many warnings shows where it is', () => {
    const blocks = Array.from(
      { length: MAX_FILE_PROBLEMS + 100 },
      () => '    - to: [{ ipBlock: { cidr: 10.0.0.1/8 } }]',
    );
    const warnings = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: many, namespace: shop }
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
${blocks.join('\n')}
`;
    const error = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: typo, namespace: shop }
spec:
  podSelector: {}
  ingress:
    - ports: [{ port: true }]
`;
    const text = `${warnings}---\n${error}`;
    const file = analyzeFile(URI, text, { maxFileSize: 1_000_000 });
    assert.equal(file.problems.length, MAX_FILE_PROBLEMS + 1);
    const errors = file.problems.filter((problem) => problem.severity === 'error');
    assert.equal(errors.length, 1);
    assert.ok(errors[0]!.span.start > text.indexOf('name: typo'));
    const starts = file.problems.slice(0, -1).map((problem) => problem.span.start);
    assert.deepEqual(
      starts,
      [...starts].sort((left, right) => left - right),
    );
    const summary = file.problems.at(-1);
    assert.equal(summary?.code, 'too-many-problems');
    assert.equal(summary.severity, 'warning');
    assert.match(summary.message, /^101 more problems .*\(101 warnings\)/);
    // Placed at the first warning left out: after every warning kept, before the error.
    const kept = file.problems.filter((problem) => problem.code === 'cidr-host-bits');
    assert.equal(kept.length, MAX_FILE_PROBLEMS - 1);
    assert.ok(summary.span.start > kept.at(-1)!.span.start);
    assert.ok(summary.span.start < errors[0]!.span.start);
  });

  it('refuses a file of more documents than the limit, from scratch and after an edit alike', () => {
    const text = '---\na: b\n'.repeat(MAX_FILE_DOCUMENTS + 1);
    const options = { maxFileSize: 1_000_000 };
    const file = analyzeFile(URI, text, options);
    assert.deepEqual(
      file.problems.map((problem) => problem.code),
      ['too-many-documents'],
    );
    const before = analyzeFile(URI, 'a: b\n', options);
    assert.deepEqual(updateFile(URI, text, options, before).problems, file.problems);
  });

  it('keeps the setting netpol.maxFileSize between 1 and 20 MB', () => {
    assert.equal(clampMaxFileSize(1e308), 20_000_000);
    assert.equal(toSettings({ maxFileSize: 1e308 }).maxFileSize, 20_000_000);
    assert.equal(toSettings({ maxFileSize: Number.POSITIVE_INFINITY }).maxFileSize, 20_000_000);
    assert.equal(toSettings({ maxFileSize: 1000 }).maxFileSize, 1000);
    assert.equal(toSettings({ maxFileSize: -5 }).maxFileSize, 5_000_000);
    assert.equal(toSettings({ maxFileSize: Number.NaN }).maxFileSize, 5_000_000);
  });

  it('refuses a file over the ceiling whatever limit it is given', () => {
    const text = 'a'.repeat(20_000_001);
    const file = analyzeFile(URI, text, { maxFileSize: Number.MAX_SAFE_INTEGER });
    assert.deepEqual(
      file.problems.map((problem) => problem.code),
      ['file-too-large'],
    );
  });
});
