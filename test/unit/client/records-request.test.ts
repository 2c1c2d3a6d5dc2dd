import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRecordsAsker } from '../../../client/src/records-request';
import type { ExplainRecordsParams, ExplainRecordsResult } from '../../../server/src/protocol';

const ANSWER: ExplainRecordsResult = {
  ok: true,
  diagnostics: [],
  records: [],
  summary: '0 records',
};
const NEEDED: ExplainRecordsResult = { ok: false, code: 'text-needed', message: 'not sent' };

/** A server that keeps the last text it was sent per file, as the real one does. */
function fakeServer() {
  const kept = new Map<string, number>();
  const requests: ExplainRecordsParams[] = [];
  const send = (params: ExplainRecordsParams) => {
    requests.push(params);
    if (params.text !== undefined) {
      kept.set(params.uri, params.version!);
      return Promise.resolve(ANSWER);
    }
    return Promise.resolve(kept.get(params.uri) === params.version ? ANSWER : NEEDED);
  };
  return { send, requests, restart: () => kept.clear() };
}

const file = (version: number) => ({
  uri: 'file:///logs/a.log',
  version,
  getText: () => `v${version}`,
});

describe('the records request of the editor', () => {
  it('sends the text once per version, then the version alone', async () => {
    const server = fakeServer();
    const asker = createRecordsAsker(server.send);
    assert.equal(await asker.ask(file(1)), ANSWER);
    assert.equal(await asker.ask(file(1)), ANSWER);
    assert.equal(await asker.ask(file(2)), ANSWER);
    assert.deepEqual(
      server.requests.map((request) => request.text ?? null),
      ['v1', null, 'v2'],
    );
  });

  it('sends the text again when the server no longer has it', async () => {
    const server = fakeServer();
    const asker = createRecordsAsker(server.send);
    await asker.ask(file(1));
    server.restart();
    assert.equal(await asker.ask(file(1)), ANSWER);
    assert.deepEqual(
      server.requests.map((request) => request.text ?? null),
      ['v1', null, 'v1'],
    );
  });

  it('sends the text of a file closed and opened again, whose versions start over', async () => {
    const server = fakeServer();
    const asker = createRecordsAsker(server.send);
    await asker.ask(file(1));
    asker.forget('file:///logs/a.log');
    await asker.ask(file(1));
    assert.deepEqual(
      server.requests.map((request) => request.text ?? null),
      ['v1', 'v1'],
    );
  });
});
