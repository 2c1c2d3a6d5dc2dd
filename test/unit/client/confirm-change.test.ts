import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { confirmChange } from '../../../client/src/confirm-change';
import type { AllowFlowResult } from '../../../server/src/protocol';

function change(title: string, alsoOpens: number, newText: string): AllowFlowResult {
  const edit = { changes: { 'file:///w/p.yaml': [{ range: RANGE, newText }] } };
  return { ok: true, title, alsoOpens, edit };
}
const RANGE = { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } };

/** The server's answers in turn, and the titles the user was asked about. */
function script(answers: AllowFlowResult[], agree: boolean[]) {
  const asked: string[] = [];
  let requests = 0;
  const run = confirmChange(
    () => Promise.resolve(answers[Math.min(requests++, answers.length - 1)]!),
    (title) => {
      asked.push(title);
      return Promise.resolve(agree[asked.length - 1] ?? false);
    },
  );
  return { run, asked, requests: () => requests };
}

describe('confirmChange', () => {
  it('applies a change that opens nothing else without asking', async () => {
    const quiet = change('add policy a (opens nothing else)', 0, 'a');
    const { run, asked, requests } = script([quiet], []);
    assert.equal(await run, quiet);
    assert.deepEqual(asked, []);
    assert.equal(requests(), 1);
  });

  it('applies nothing when the user declines', async () => {
    const { run, asked } = script([change('add policy a (also opens 2)', 2, 'a')], [false]);
    assert.equal(await run, undefined);
    assert.equal(asked.length, 1);
  });

  it('applies the change as the texts are once the user agrees', async () => {
    const before = change('add policy a (also opens 2)', 2, 'at line 3');
    const after = change('add policy a (also opens 2)', 2, 'at line 9, after an edit');
    const { run, requests } = script([before, after], [true]);
    assert.equal(await run, after);
    assert.equal(requests(), 2);
  });

  it('asks again when the change became another while the question was open', async () => {
    const first = change('add policy a (also opens 2)', 2, 'a');
    const second = change('add policy b (also opens 5)', 5, 'b');
    const { run, asked } = script([first, second, second], [true, true]);
    assert.equal(await run, second);
    assert.deepEqual(asked, [first.ok && first.title, second.ok && second.title]);
  });

  it('passes on a refusal that came while the question was open', async () => {
    const refused: AllowFlowResult = { ok: false, code: 'allowed', message: 'already allowed' };
    const { run } = script([change('add policy a (also opens 2)', 2, 'a'), refused], [true]);
    assert.equal(await run, refused);
  });
});
