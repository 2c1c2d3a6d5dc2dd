import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TestContext } from 'node:test';
import type { Connection } from 'vscode-languageserver/node';
import { createScheduler } from '../../server/src/workspace/scheduler';
import { DEBOUNCE_MS, OTHER_FILES_MS } from '../../server/src/workspace/timing';

/**
 * A scheduler on mocked timers, whose work only records what it was asked: `log` lists each
 * analysis, early publish and publish of the rest in the order they came. Time moves only when
 * the test ticks it, so no test waits or depends on the machine's speed.
 */
function scheduled(t: TestContext, fail = () => false) {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const log: string[] = [];
  const errors: string[] = [];
  const connection = {
    console: { error: (message: string) => errors.push(message) },
  } as unknown as Connection;
  const scheduler = createScheduler(connection, {
    analyze(changed) {
      if (fail()) {
        throw new Error('broken');
      }
      const run = `analyze ${changed.join(' ')}`;
      log.push(run);
      return () => log.push(`rest of ${run}`);
    },
    early: (uri) => log.push(`early ${uri}`),
  });
  return { scheduler, log, errors, tick: (ms: number) => t.mock.timers.tick(ms) };
}

describe('the scheduler', () => {
  it('analyses a burst of changes once, on the next turn', (t) => {
    const { scheduler, log, tick } = scheduled(t);
    scheduler.changed('a');
    scheduler.changed('b');
    scheduler.changed('a');
    assert.deepEqual(log, []);
    tick(DEBOUNCE_MS);
    assert.deepEqual(log, ['analyze a b']);
  });

  it('publishes the rest once the edits pause, and not at all if an edit comes first', (t) => {
    const { scheduler, log, tick } = scheduled(t);
    scheduler.changed('a');
    tick(DEBOUNCE_MS);
    tick(OTHER_FILES_MS - 1);
    assert.deepEqual(log, ['analyze a']);
    // The next analysis publishes what the one before would have.
    scheduler.changed('b');
    tick(DEBOUNCE_MS);
    tick(OTHER_FILES_MS);
    assert.deepEqual(log, ['analyze a', 'analyze b', 'rest of analyze b']);
  });

  it('analyses at once when flushed, and not again when the timer would have', (t) => {
    const { scheduler, log, tick } = scheduled(t);
    scheduler.changed('a');
    scheduler.flush();
    assert.deepEqual(log, ['analyze a']);
    tick(DEBOUNCE_MS);
    assert.deepEqual(log, ['analyze a']);
  });

  it('holds analysis back while a folder loads, publishing early, and analyses once after', async (t) => {
    const { scheduler, log, tick } = scheduled(t);
    await scheduler.batch(() => {
      scheduler.changed('a');
      scheduler.changed('b');
      tick(DEBOUNCE_MS);
      assert.deepEqual(log, ['early a', 'early b']);
      // The early publish is timed again; this one the end of the load overtakes.
      scheduler.changed('c');
      return Promise.resolve();
    });
    assert.deepEqual(log, ['early a', 'early b', 'analyze a b c']);
    // The early timer still runs, but publishes nothing once the load has ended.
    scheduler.changed('d');
    tick(DEBOUNCE_MS);
    tick(OTHER_FILES_MS);
    assert.deepEqual(log, [
      'early a',
      'early b',
      'analyze a b c',
      'analyze d',
      'rest of analyze d',
    ]);
  });

  it('analyses every file at once when asked, or at the end of the load that runs', async (t) => {
    const { scheduler, log } = scheduled(t);
    scheduler.analyzeAll(['a', 'b']);
    assert.deepEqual(log, ['analyze a b']);
    await scheduler.batch(() => {
      scheduler.analyzeAll(['a', 'b']);
      assert.deepEqual(log, ['analyze a b']);
      return Promise.resolve();
    });
    assert.deepEqual(log, ['analyze a b', 'analyze a b']);
  });

  it('logs what a timed analysis throws, and the next change schedules one again', (t) => {
    let failing = false;
    const { scheduler, log, errors, tick } = scheduled(t, () => failing);
    scheduler.changed('a');
    tick(DEBOUNCE_MS);
    failing = true;
    scheduler.changed('b');
    tick(DEBOUNCE_MS);
    assert.equal(errors.length, 1);
    assert.match(errors[0]!, /^netpol-lens: analysis failed: Error: broken/);
    // The change dropped the rest of the analysis before: it may be out of date.
    tick(OTHER_FILES_MS);
    failing = false;
    scheduler.changed('c');
    tick(DEBOUNCE_MS);
    assert.deepEqual(log, ['analyze a', 'analyze c']);
  });

  it('does nothing more once disposed', (t) => {
    const { scheduler, log, tick } = scheduled(t);
    scheduler.changed('a');
    tick(DEBOUNCE_MS);
    scheduler.dispose();
    tick(OTHER_FILES_MS);
    scheduler.changed('b');
    scheduler.flush();
    tick(DEBOUNCE_MS + OTHER_FILES_MS);
    assert.deepEqual(log, ['analyze a']);
  });
});
