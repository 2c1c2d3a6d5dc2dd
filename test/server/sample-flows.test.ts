import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { appendSampleFlow } from '../../server/src/features/sample-flows';
import { appendSampleFlowRequest, sampleFlowsFilesRequest } from '../../server/src/protocol';
import type { AppendSampleFlowResult, SampleFlow } from '../../server/src/protocol';
import { startSession } from './harness';
import type { Session } from './harness';

const FLOWS = `apiVersion: netpol-lens.dev/v1alpha1
kind: SampleFlows
metadata: { name: shop }
spec:
  flows:
    - name: web calls api
      from: shop/web
      to: shop/api
      port: http
      expect: allow
    # the next one is pending
`;

const FLOW: SampleFlow = {
  name: 'web to 203.0.113.10',
  from: 'shop/web',
  to: '203.0.113.10',
  port: 53,
  protocol: 'UDP',
  expect: 'deny',
};

// Applies the single insertion of `result` to `text`.
function applyEdit(text: string, result: AppendSampleFlowResult): string {
  assert.equal(result.edits.length, 1);
  const edit = result.edits[0]!;
  assert.deepEqual(edit.range.start, edit.range.end);
  const lines = text.split('\n');
  const offset =
    lines.slice(0, edit.range.start.line).join('\n').length +
    (edit.range.start.line > 0 ? 1 : 0) +
    edit.range.start.character;
  return text.slice(0, offset) + edit.newText + text.slice(offset);
}

function flowsOf(text: string): unknown[] {
  return parseAllDocuments(text).flatMap((document) => {
    assert.deepEqual(document.errors, []);
    const value = document.toJS() as { kind?: string; spec?: { flows?: unknown[] } };
    return value.kind === 'SampleFlows' ? (value.spec?.flows ?? []) : [];
  });
}

const expected = {
  name: 'web to 203.0.113.10',
  from: 'shop/web',
  to: '203.0.113.10',
  port: 53,
  protocol: 'UDP',
  expect: 'deny',
};

describe('appendSampleFlow', () => {
  it('appends an item to a block list, in its indentation', () => {
    const text = applyEdit(FLOWS, appendSampleFlow('file:///w/f.yaml', FLOWS, FLOW));
    assert.deepEqual(flowsOf(text)[1], expected);
    assert.ok(text.includes('\n    - name: web to 203.0.113.10\n      from: shop/web\n'), text);
    assert.ok(text.startsWith(FLOWS.slice(0, FLOWS.indexOf('    # the next'))));
  });

  it('appends to a list at the end of a file without a final newline', () => {
    const source = FLOWS.slice(0, FLOWS.indexOf('\n    # the next'));
    const text = applyEdit(source, appendSampleFlow('file:///w/f.yaml', source, FLOW));
    assert.deepEqual(flowsOf(text), [flowsOf(FLOWS)[0], expected]);
  });

  it('appends to a flow-style list, empty or not', () => {
    for (const list of ['[]', '[ { from: a/b, to: a/c, port: 80 } ]']) {
      const source = FLOWS.replace(/ {2}flows:[\s\S]*/, `  flows: ${list}  # pinned\n`);
      const text = applyEdit(source, appendSampleFlow('file:///w/f.yaml', source, FLOW));
      assert.deepEqual(flowsOf(text).at(-1), expected);
      assert.equal(flowsOf(text).length, list === '[]' ? 1 : 2);
    }
  });

  it('writes a whole SampleFlows document into an empty file, and appends one otherwise', () => {
    const fresh = applyEdit('', appendSampleFlow('file:///w/new-flows.yaml', '', FLOW));
    assert.deepEqual(flowsOf(fresh), [expected]);
    assert.match(fresh, /name: new-flows\n/);
    const other = 'apiVersion: v1\nkind: Namespace\nmetadata: { name: shop }';
    const appended = applyEdit(other, appendSampleFlow('file:///w/ns.yaml', other, FLOW));
    assert.deepEqual(flowsOf(appended), [expected]);
    assert.ok(appended.startsWith(`${other}\n---\n`));
  });

  it('quotes what YAML would read as something other than a string', () => {
    const flow: SampleFlow = { name: 'true', from: 'a/b', to: 'fd00::1', port: 'http' };
    const text = applyEdit(FLOWS, appendSampleFlow('file:///w/f.yaml', FLOWS, flow));
    assert.deepEqual(flowsOf(text)[1], { name: 'true', from: 'a/b', to: 'fd00::1', port: 'http' });
  });
});

describe('language server: sample flows files', () => {
  let session: Session;
  before(async () => {
    session = await startSession();
    await session.open('file:///w/flows.yaml', FLOWS);
    await session.open(
      'file:///w/ns.yaml',
      'apiVersion: v1\nkind: Namespace\nmetadata: { name: shop }\n',
    );
  });
  after(() => session.close());

  it('lists the files that hold a SampleFlows object', async () => {
    const result = await session.client.sendRequest(sampleFlowsFilesRequest, {});
    assert.deepEqual(result.uris, ['file:///w/flows.yaml']);
  });

  it('answers netpol/appendSampleFlow with the edit for the given text', async () => {
    const result = await session.client.sendRequest(appendSampleFlowRequest, {
      uri: 'file:///w/flows.yaml',
      text: FLOWS,
      flow: FLOW,
    });
    assert.deepEqual(flowsOf(applyEdit(FLOWS, result))[1], expected);
  });
});
