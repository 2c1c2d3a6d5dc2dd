import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from './run-cli';

// A key that would erase the real line in a terminal and forge a clean one.
const FORGERY = 'x\u001b[2K\u001b[1G\nall good: 0 errors\u001b[8m';

const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: p, namespace: shop }
spec:
  podSelector: {}
  ${JSON.stringify(FORGERY)}: 1
`;

describe('netpol-lens check: what the files hold is printed, not obeyed (issue 15)', () => {
  let work: string;
  let file: string;
  before(() => {
    work = mkdtempSync(path.join(tmpdir(), 'netpol-escape-'));
    file = path.join(work, 'evil\u001b[2K\n name.yaml');
    writeFileSync(file, POLICY);
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('escapes control characters of keys and file names in text output', () => {
    const run = runCli('check', work);
    assert.equal(run.status, 1, run.stderr);
    assert.doesNotMatch(run.stdout, /\u001b/);
    const lines = run.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 2, run.stdout);
    assert.match(lines[0] ?? '', /unknown-field .*x\\u001b\[2K\\u001b\[1G\\nall good/);
    assert.match(lines[0] ?? '', /evil\\u001b\[2K\\n name\.yaml/);
    assert.match(lines[1] ?? '', /^1 error, 0 warnings in 1 file$/);
  });

  it('keeps the JSON output exact', () => {
    const run = runCli('check', work, '--format', 'json');
    const { problems } = JSON.parse(run.stdout) as {
      problems: { file: string; message: string }[];
    };
    assert.ok(problems[0]?.file.endsWith('evil\u001b[2K\n name.yaml'));
    assert.ok(problems[0]?.message.includes(FORGERY));
  });

  it('percent-encodes the file in SARIF', () => {
    const run = runCli('check', work, '--format', 'sarif');
    const sarif = JSON.parse(run.stdout) as {
      runs: {
        results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
      }[];
    };
    const uri = sarif.runs[0]?.results[0]?.locations[0]?.physicalLocation.artifactLocation.uri;
    assert.ok(uri?.endsWith('/evil%1B%5B2K%0A%20name.yaml'), uri);
  });
});
