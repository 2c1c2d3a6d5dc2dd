import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readLoggingConfig } from '../../../server/src/engine/logs';
import type { PlacedObject } from '../../../server/src/engine/core/source';
import type { Origin } from '../../../server/src/engine/world/types';
import { networkLogging } from './config-builders';

function spec(allow: unknown, deny: unknown, name = 'default'): PlacedObject {
  return networkLogging({ metadata: { name }, spec: { cluster: { allow, deny } } });
}

void describe('readLoggingConfig', () => {
  void it('is off, with source none, when the workspace has no NetworkLogging', () => {
    const pod = { ...networkLogging({}), apiVersion: 'v1', kind: 'Pod' };
    const config = readLoggingConfig([pod]);
    assert.equal(config.source, 'none');
    assert.deepEqual(
      [config.allow, config.deny],
      [
        { log: false, delegate: false },
        { log: false, delegate: false },
      ],
    );
    assert.deepEqual(config.notes, []);
  });

  void it('reads the served fields, defaulting to false', () => {
    const config = readLoggingConfig([spec({ log: true, delegate: true }, {})]);
    assert.equal(config.source, 'workspace');
    assert.deepEqual(config.allow, { log: true, delegate: true });
    assert.deepEqual(config.deny, { log: false, delegate: false });
    assert.deepEqual(plain(config.origin), { uri: 'file:///logging.yaml', offset: 0, path: [] });
  });

  void it('treats an object without spec as all off', () => {
    const config = readLoggingConfig([networkLogging({ metadata: { name: 'default' } })]);
    assert.equal(config.source, 'workspace');
    assert.equal(config.allow.log || config.deny.log, false);
  });

  void it('ignores delegate without log, as anetd does, and says so', () => {
    const config = readLoggingConfig([spec({ log: true }, { log: false, delegate: true })]);
    assert.equal(config.source, 'invalid');
    assert.equal(config.allow.log, false);
    assert.deepEqual(
      config.notes.map((note) => [note.code, note.origin.path]),
      [['invalid-delegate', ['spec', 'cluster', 'deny', 'delegate']]],
    );
    assert.match(config.notes[0]?.message ?? '', /previous config/);
  });

  void it('keeps the previous valid object when a later one is invalid', () => {
    const valid = spec({ log: true }, { log: true });
    const invalid = spec({ delegate: true }, {});
    const config = readLoggingConfig([valid, invalid]);
    assert.equal(config.source, 'workspace');
    assert.deepEqual(config.allow, { log: true, delegate: false });
    assert.deepEqual(
      config.notes.map((note) => note.code),
      ['invalid-delegate'],
    );
  });

  void it('lets a later valid object replace an earlier one', () => {
    const first = { ...spec({ log: true }, {}), uri: 'file:///a.yaml' };
    const second = { ...spec({}, { log: true }), uri: 'file:///b.yaml' };
    const config = readLoggingConfig([first, second]);
    assert.deepEqual([config.allow.log, config.deny.log], [false, true]);
    assert.equal(config.origin?.uri, 'file:///b.yaml');
    assert.deepEqual(
      config.notes.map((note) => [note.code, note.origin.uri]),
      [['overridden', 'file:///a.yaml']],
    );
  });

  void it('ignores a name other than default and non-boolean fields', () => {
    const named = spec({ log: true }, {}, 'mine');
    const typed = spec({ log: 'true' }, {});
    const config = readLoggingConfig([named, typed]);
    assert.equal(config.source, 'invalid');
    assert.deepEqual(
      config.notes.map((note) => [note.code, note.origin.path]),
      [
        ['invalid-name', ['metadata', 'name']],
        ['invalid-type', ['spec', 'cluster', 'allow', 'log']],
      ],
    );
  });

  void it('places notes under the object path of a List item', () => {
    const item = { ...spec({ delegate: true }, {}), path: ['items', 2], offset: 40 };
    const [note] = readLoggingConfig([item]).notes;
    assert.deepEqual(plain(note?.origin), {
      uri: 'file:///logging.yaml',
      offset: 40,
      path: ['items', 2, 'spec', 'cluster', 'allow', 'delegate'],
    });
  });
});

// Origins follow their documents through a getter: compare what they say.
function plain(origin: Origin | undefined): Origin | undefined {
  return origin && { uri: origin.uri, offset: origin.offset, path: origin.path };
}
