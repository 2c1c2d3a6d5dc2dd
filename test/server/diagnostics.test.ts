import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Hover } from 'vscode-languageserver/node';
import { startSession } from './harness';
import type { Session } from './harness';

const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
  namespace: shop
spec:
  podSelector: {}
  ingress:
    - from:
        - namespaceSelecter: {}
`;

describe('language server', () => {
  let session: Session;
  before(async () => {
    session = await startSession();
  });
  after(() => session.close());

  it('publishes a schema problem at the misspelt key', async () => {
    const diagnostics = await session.open('file:///w/policy.yaml', POLICY);
    const typo = diagnostics.find((diagnostic) => diagnostic.code === 'unknown-field');
    assert.ok(typo, JSON.stringify(diagnostics));
    assert.deepEqual(typo.range, {
      start: { line: 9, character: 10 },
      end: { line: 9, character: 10 + 'namespaceSelecter'.length },
    });
    assert.equal(typo.source, 'netpol');
  });

  it('clears the problem once the key is fixed', async () => {
    const diagnostics = await session.change(
      'file:///w/policy.yaml',
      POLICY.replace('namespaceSelecter', 'namespaceSelector'),
    );
    assert.deepEqual(diagnostics, []);
  });

  it("reports a YAML syntax error and keeps the file's other documents", async () => {
    const text = `a: [1, 2\n---\n${POLICY.replace('name: web', 'name: Web_Bad')}`;
    const diagnostics = await session.open('file:///w/broken.yaml', text);
    const codes = diagnostics.map((diagnostic) => diagnostic.code);
    assert.ok(
      diagnostics.some((d) => d.range.start.line <= 1 && d.severity === 1),
      JSON.stringify(diagnostics),
    );
    assert.ok(codes.includes('unknown-field'), JSON.stringify(codes));
  });

  it('ignores YAML it does not understand', async () => {
    const diagnostics = await session.open(
      'file:///w/service.yaml',
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  bogus: true\n',
    );
    assert.deepEqual(diagnostics, []);
  });

  it('answers a hover on a field with its schema description', async () => {
    await session.open('file:///w/hover.yaml', POLICY);
    const hover: Hover | null = await session.client.sendRequest('textDocument/hover', {
      textDocument: { uri: 'file:///w/hover.yaml' },
      position: { line: 6, character: 4 },
    });
    assert.ok(hover !== null);
    const contents = hover.contents as { kind: string; value: string };
    assert.match(contents.value, /^\*\*podSelector\*\*/);
    assert.ok(contents.value.length > 'podSelector'.length + 10);
  });

  it('keeps serving after hostile input', async () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
      .concat(
        Array.from(
          { length: 8 },
          (_, i) =>
            `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`,
        ),
      )
      .join('\n');
    const bombDiagnostics = await session.open(
      'file:///w/bomb.yaml',
      `kind: NetworkPolicy\napiVersion: networking.k8s.io/v1\n${bomb}\n`,
    );
    assert.ok(
      bombDiagnostics.some((d) => d.code === 'alias-limit'),
      JSON.stringify(bombDiagnostics),
    );
    const deep = `${'['.repeat(20000)}${']'.repeat(20000)}`;
    await session.open('file:///w/deep.yaml', deep);
    const after = await session.open('file:///w/after.yaml', POLICY);
    assert.ok(after.some((d) => d.code === 'unknown-field'));
  });
});
