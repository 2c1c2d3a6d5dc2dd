import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ROOT, runCli } from './run-cli';

interface PairJson {
  from: string;
  to: string;
  port: number;
  protocol: string;
  explanation: { ingress: { reason: string; allowedBy: { policy: { name: string } }[] } };
}

interface DiffJson {
  counts: { opened: number; closed: number; flows: number };
  opened: PairJson[];
  closed: PairJson[];
  flows: { name: string | null; before: string; after: string; file: string; line: number }[];
}

// The examples without the policy that lets the storefront call the API.
function withoutWebToApi(text: string): string {
  const start = text.indexOf(
    '---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web-to-api',
  );
  const end = text.indexOf('\n---', start + 3);
  assert.ok(start !== -1 && end !== -1, 'the examples hold the web-to-api policy');
  return text.slice(0, start) + text.slice(end + 1);
}

describe('netpol-lens diff', () => {
  let work = '';
  let base = '';

  before(() => {
    work = mkdtempSync(path.join(tmpdir(), 'netpol-diff-'));
    base = path.join(work, 'base');
    cpSync(path.join(ROOT, 'examples'), base, { recursive: true });
    const policies = path.join(base, 'shop/policies.yaml');
    writeFileSync(policies, withoutWebToApi(readFileSync(policies, 'utf8')));
  });

  after(() => rmSync(work, { recursive: true, force: true }));

  it('lists what the head opens, with the rule that now decides, as JSON', () => {
    const run = runCli('diff', base, 'examples', '--format', 'json');
    assert.equal(run.status, 0, run.stderr);
    const json = JSON.parse(run.stdout) as DiffJson;
    assert.deepEqual(
      json.opened.map((pair) => [pair.from, pair.to, pair.port, pair.protocol]),
      [['shop/web', 'shop/api', 8080, 'TCP']],
    );
    assert.equal(json.opened[0]!.explanation.ingress.allowedBy[0]!.policy.name, 'web-to-api');
    assert.deepEqual(json.closed, []);
    assert.deepEqual(
      json.flows.map((flow) => [flow.name, flow.before, flow.after, flow.file]),
      [['storefront calls the API', 'deny', 'allow', path.join('examples', 'shop', 'flows.yaml')]],
    );
  });

  it('prints the closed pairs as text, the changed flows first', () => {
    const run = runCli('diff', 'examples', base);
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout.trimEnd().split('\n');
    assert.equal(lines[0], 'Sample flows whose verdict changed:');
    assert.match(
      run.stdout,
      /^Closed:\n {2}- shop\/web -> shop\/api:8080 \(http\)\/TCP {2}deny: .*no rule of shop\/default-deny/m,
    );
    assert.match(lines.at(-1)!, /^\+0 opened, -1 closed/);
  });

  it('prints a markdown table a pull-request comment can hold', () => {
    const run = runCli('diff', base, 'examples', '--format', 'markdown');
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^### netpol-lens: \+1 opened, -0 closed\n/);
    assert.match(
      run.stdout,
      /\n\| from \| to \| port \| now \|\n\| --- \| --- \| --- \| --- \|\n\| `shop\/web` \| `shop\/api` \| 8080 \(http\)\/TCP \| allow: .*web-to-api rule 1 \|\n/,
    );
  });

  it('exits 1 when --fail-on matches the changes, 0 otherwise', () => {
    assert.equal(runCli('diff', base, 'examples', '--fail-on', 'opened').status, 1);
    assert.equal(runCli('diff', base, 'examples', '--fail-on', 'any').status, 1);
    assert.equal(runCli('diff', base, 'examples', '--fail-on', 'closed').status, 0);
    assert.equal(runCli('diff', 'examples', base, '--fail-on', 'closed').status, 1);
    assert.equal(runCli('diff', 'examples', 'examples', '--fail-on', 'any').status, 0);
  });

  it('exits 2 for bad usage', () => {
    assert.equal(runCli('diff').status, 2);
    assert.equal(runCli('diff', 'a', 'b', 'c').status, 2);
    assert.equal(runCli('diff', 'no-such-folder', 'examples').status, 2);
    assert.equal(runCli('diff', base, 'examples', '--format', 'html').status, 2);
    assert.equal(runCli('diff', base, 'examples', '--fail-on', 'everything').status, 2);
    assert.equal(runCli('diff', base, 'examples', '--limit', '0').status, 2);
  });

  it('stops each list at --limit and says so', () => {
    const run = runCli('diff', 'examples', base, '--format', 'json', '--limit', '1');
    const wide = JSON.parse(run.stdout) as DiffJson & { truncated: boolean };
    assert.equal(wide.truncated, false);
    const all = withoutPolicies(base);
    const limited = JSON.parse(
      runCli('diff', all, 'examples', '--format', 'json', '--limit', '2').stdout,
    ) as DiffJson & { truncated: boolean };
    assert.equal(limited.closed.length, 2);
    assert.ok(limited.counts.closed > 2);
    assert.equal(limited.truncated, true);
  });

  it('reads the base version from git with --base', () => {
    const repository = path.join(work, 'repository');
    cpSync(base, path.join(repository, 'policies'), { recursive: true });
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args], {
        cwd: repository,
        stdio: 'pipe',
      });
    git('init', '--quiet');
    git('add', '.');
    git('commit', '--quiet', '-m', 'base');
    cpSync(path.join(ROOT, 'examples'), path.join(repository, 'policies'), { recursive: true });
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), ...args], {
        cwd: repository,
        encoding: 'utf8',
      });
    const run = cli('diff', '--base', 'HEAD', 'policies', '--format', 'json');
    assert.equal(run.status, 0, run.stderr);
    const json = JSON.parse(run.stdout) as DiffJson;
    assert.deepEqual(json.counts, { opened: 1, closed: 0, flows: 1 });
    assert.equal(cli('diff', '--base', 'no-such-revision', 'policies').status, 2);
    assert.equal(cli('diff', '--base', '--help', 'policies').status, 2);
  });
});

// A copy of the examples without any NetworkPolicy: everything is allowed in it.
function withoutPolicies(from: string): string {
  const target = `${from}-open`;
  cpSync(from, target, { recursive: true });
  for (const name of ['policies.yaml', 'payments-policies.yaml']) {
    rmSync(path.join(target, 'shop', name));
  }
  return target;
}
