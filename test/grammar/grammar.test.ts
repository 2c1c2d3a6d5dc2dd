import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { before, describe, it } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import type { IGrammar } from 'vscode-textmate';
import { GRAMMAR_PATH, loadGrammar, tokenizeLines, toSnapshot } from './tokenize';
import type { Token } from './tokenize';

const FIXTURES = join(__dirname, 'fixtures');
const SNAPSHOTS = join(__dirname, 'snapshots');

/** Every `match`, `begin` and `end` regex in the grammar, with where it sits. */
function collectRegexes(
  node: unknown,
  path: string,
  found: [string, string][],
): [string, string][] {
  if (typeof node !== 'object' || node === null) {
    return found;
  }
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'match' || key === 'begin' || key === 'end') && typeof value === 'string') {
      found.push([`${path}.${key}`, value]);
    } else {
      collectRegexes(value, `${path}.${key}`, found);
    }
  }
  return found;
}

/** The scopes of the first token whose text is exactly `text` on a line containing `lineMark`. */
function scopesOf(
  lines: readonly Token[][],
  source: string,
  lineMark: string,
  text: string,
): string[] {
  const index = source.split('\n').findIndex((line) => line.includes(lineMark));
  const token = lines[index]?.find((candidate) => candidate.text === text);
  assert.ok(token, `no token ${JSON.stringify(text)} on the line with ${JSON.stringify(lineMark)}`);
  return [...token.scopes];
}

void describe('netpol-log grammar', () => {
  let grammar: IGrammar;
  before(async () => {
    grammar = await loadGrammar();
  });

  void it('is valid JSON whose regexes all compile, in Oniguruma and in JavaScript', () => {
    const raw: unknown = JSON.parse(readFileSync(GRAMMAR_PATH, 'utf8'));
    const regexes = collectRegexes(raw, '$', []);
    assert.ok(regexes.length > 10);
    for (const [where, source] of regexes) {
      assert.doesNotThrow(() => new oniguruma.OnigScanner([source]).dispose(), where);
      assert.doesNotThrow(() => new RegExp(source), where);
    }
  });

  for (const file of readdirSync(FIXTURES).filter((name) => name.endsWith('.netpol-log'))) {
    void it(`matches the snapshot of ${file}`, () => {
      const text = readFileSync(join(FIXTURES, file), 'utf8');
      const snapshot = toSnapshot(text, tokenizeLines(grammar, text));
      const path = join(SNAPSHOTS, `${basename(file)}.snap`);
      if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
        writeFileSync(path, snapshot);
      }
      assert.equal(snapshot, readFileSync(path, 'utf8'));
    });
  }

  void it('colours dispositions, verdicts, directions, policy names and reasons', () => {
    const text = readFileSync(join(FIXTURES, 'document.netpol-log'), 'utf8');
    const lines = tokenizeLines(grammar, text);
    assert.ok(
      scopesOf(lines, text, '"disposition":"allow"', '"allow"').includes(
        'markup.inserted.allow.netpol-log',
      ),
    );
    assert.ok(
      scopesOf(lines, text, '"disposition":"deny"', '"deny"').includes(
        'markup.deleted.deny.netpol-log',
      ),
    );
    assert.ok(
      scopesOf(lines, text, 'shop/web:5432/TCP: deny', 'deny').includes(
        'markup.deleted.deny.netpol-log',
      ),
    );
    assert.ok(
      scopesOf(lines, text, 'shop/api:8080/TCP: allow', 'allow').includes(
        'markup.inserted.allow.netpol-log',
      ),
    );
    assert.ok(
      scopesOf(lines, text, '"api-in"', '"api-in"').includes('entity.name.type.policy.netpol-log'),
    );
    assert.ok(
      scopesOf(lines, text, '(not-reached)', 'not-reached').includes(
        'constant.other.reason.netpol-log',
      ),
    );
    assert.ok(
      scopesOf(lines, text, '(not-reached)', 'ingress').includes(
        'keyword.other.direction.ingress.netpol-log',
      ),
    );
    assert.ok(
      scopesOf(lines, text, '(fails)', 'fails').includes('invalid.illegal.fails.netpol-log'),
    );
  });
});
