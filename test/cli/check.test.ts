import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from './run-cli';

interface FlowJson {
  file: string;
  line: number;
  name: string | null;
  from: string;
  to: string;
  port: number | string;
  protocol: string;
  verdict: string;
  expect: string | null;
  ok: boolean;
  logs: unknown[];
}

interface CheckJson {
  problems: {
    file: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    severity: string;
    code: string;
    message: string;
  }[];
  flows: unknown[];
}

describe('netpol-lens check', () => {
  it('reports the deliberate typo in examples/ as JSON and exits 1', () => {
    const run = runCli('check', 'examples', '--format', 'json');
    assert.equal(run.status, 1, run.stderr);
    const output = JSON.parse(run.stdout) as CheckJson;
    const typo = output.problems.find((problem) => problem.code === 'unknown-field');
    assert.ok(typo, run.stdout);
    assert.equal(typo.file, 'examples/shop/policies.yaml');
    assert.equal(typo.severity, 'error');
    assert.ok(
      typo.line > 1 &&
        typo.column > 1 &&
        typo.endColumn - typo.column === 'namespaceSelecter'.length,
    );
    assert.equal(output.flows.length, 7);
  });

  it('fills flows with verdicts, expectations and log previews, and exits 1 on a failed expect', () => {
    const run = runCli('check', 'examples', '--format', 'json');
    const { flows } = JSON.parse(run.stdout) as { flows: FlowJson[] };
    const scrape = flows.find((flow) => flow.name === 'prometheus scrapes the API');
    assert.ok(scrape);
    assert.deepEqual(
      [
        scrape.file,
        scrape.from,
        scrape.to,
        scrape.port,
        scrape.protocol,
        scrape.verdict,
        scrape.expect,
        scrape.ok,
      ],
      [
        'examples/shop/flows.yaml',
        'monitoring/prometheus',
        'shop/api',
        'metrics',
        'TCP',
        'deny',
        'allow',
        false,
      ],
    );
    assert.ok(flows.filter((flow) => flow !== scrape).every((flow) => flow.ok));
    assert.ok(flows.every((flow) => flow.logs.length === 2 && typeof flow.line === 'number'));
  });

  it('prints file:line:col lines and a summary, and exits 0 on a clean file', () => {
    const run = runCli('check', 'test/fixtures/cli/clean');
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /0 errors, 0 warnings in 1 file/);
  });

  it('prints problems as file:line:col severity code message', () => {
    const run = runCli('check', 'examples/shop/policies.yaml');
    assert.match(run.stdout, /^examples\/shop\/policies\.yaml:\d+:\d+ error unknown-field /m);
  });

  it('names the other copy of a duplicate object with its file and line', () => {
    const run = runCli('check', 'test/fixtures/cli/16-duplicates');
    assert.equal(run.status, 0, run.stdout + run.stderr);
    const folder = 'test/fixtures/cli/16-duplicates';
    assert.match(
      run.stdout,
      new RegExp(
        `^${folder}/deny\\.yaml:4:9 warning duplicate-object .*\n    ${folder}/old/deny\\.yaml:5:9 `,
        'm',
      ),
    );
    assert.match(
      run.stdout,
      new RegExp(
        `^${folder}/old/deny\\.yaml:5:9 warning duplicate-object .*\n    ${folder}/deny\\.yaml:4:9 `,
        'm',
      ),
    );
    const json = JSON.parse(runCli('check', folder, '--format', 'json').stdout) as {
      problems: { code: string; related?: { file: string; line: number }[] }[];
    };
    assert.deepEqual(
      json.problems.map((problem) => [
        problem.code,
        problem.related?.[0]?.file,
        problem.related?.[0]?.line,
      ]),
      [
        ['duplicate-object', `${folder}/old/deny.yaml`, 5],
        ['duplicate-object', `${folder}/deny.yaml`, 4],
      ],
    );
  });

  it('writes SARIF when asked', () => {
    const run = runCli('check', 'examples', '--format', 'sarif');
    const sarif = JSON.parse(run.stdout) as {
      version: string;
      runs: { results: { ruleId: string }[] }[];
    };
    assert.equal(sarif.version, '2.1.0');
    assert.ok(sarif.runs[0]?.results.some((result) => result.ruleId === 'unknown-field'));
  });

  it('exits 2 for a path that does not exist', () => {
    const run = runCli('check', 'no/such/folder');
    assert.equal(run.status, 2);
    assert.match(run.stderr, /Cannot read no\/such\/folder/);
  });

  it('exits 2 for a bad option value', () => {
    const run = runCli('check', '--format', 'xml', 'examples');
    assert.equal(run.status, 2);
  });
});
