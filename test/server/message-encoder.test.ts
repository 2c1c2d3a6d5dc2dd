import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic, Message, NotificationMessage } from 'vscode-languageserver/node';
import { createMessageEncoder } from '../../server/src/message-encoder';

const OPTIONS = { charset: 'utf-8' as const };

function diagnostic(line: number, message: string): Diagnostic {
  return {
    range: { start: { line, character: 2 }, end: { line, character: 9 } },
    severity: 2,
    code: 'dataplane-v2-end-port',
    source: 'netpol',
    message,
  };
}

function publish(diagnostics: Diagnostic[], version?: number): NotificationMessage {
  return {
    jsonrpc: '2.0',
    method: 'textDocument/publishDiagnostics',
    params: {
      uri: 'file:///ws/policies.yaml',
      ...(version === undefined ? {} : { version }),
      diagnostics,
    },
  };
}

async function decode(message: Message, encoder = createMessageEncoder()): Promise<unknown> {
  return JSON.parse(Buffer.from(await encoder.encode(message, OPTIONS)).toString('utf8'));
}

void test('writes every message as JSON.stringify does, publishes with kept diagnostics too', async () => {
  const encoder = createMessageEncoder();
  const kept = diagnostic(4, 'endPort is ignored by “Dataplane V2” \u2028 here');
  const messages: Message[] = [
    publish([]),
    publish([kept], 3),
    publish([kept, diagnostic(7, 'quote " and \\ backslash'), kept], 4),
    { jsonrpc: '2.0', id: 1, result: { contents: 'hover' } } as Message,
    { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'x' } } as Message,
    // Not a publish the encoder knows: written as it is.
    { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: null } as Message,
  ];
  for (const message of messages) {
    assert.deepEqual(await decode(message, encoder), JSON.parse(JSON.stringify(message)));
  }
});

void test('a diagnostic object is written as it was first sent', async () => {
  const encoder = createMessageEncoder();
  const kept = diagnostic(1, 'first');
  await decode(publish([kept]), encoder);
  // The workspace never changes a diagnostic it sent; the encoder relies on that.
  kept.message = 'changed';
  const again = (await decode(publish([kept]), encoder)) as {
    params: { diagnostics: Diagnostic[] };
  };
  assert.equal(again.params.diagnostics[0]!.message, 'first');
});
