import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import type { Manifest } from './generate';
import { startLspClient } from './lsp-client';
import type { LspClient, ServerCommand, Settings } from './lsp-client';
import type { Figure } from './stats';
import { findPortInMiddle, findValue, lineOf, replaceValue } from './text-edit';
import type { EditPoint } from './text-edit';

export interface ServerFigures {
  readonly open: Figure;
  /** Cross-file servers only: from didOpen until every sample flow's verdict is published. */
  readonly verdicts?: Figure;
  readonly portEdit: Figure;
  readonly labelEdit?: Figure;
  /** Ours only: the reachability view's data (`netpol/reachability`), first asked and after each label edit. */
  readonly viewOpen?: Figure;
  readonly viewUpdate?: Figure;
  readonly peakRss?: number;
  readonly notes: readonly string[];
}

export interface ServerSpec {
  readonly name: string;
  readonly command: ServerCommand;
  readonly settings: Settings;
  /** Whether `publishDiagnostics` carries the document version (then waits match it exactly). */
  readonly versioned: boolean;
  readonly crossFile: boolean;
}

export interface LspOptions {
  readonly sessions: number;
  readonly edits: number;
  readonly fullSync: boolean;
  readonly openTimeoutMs: number;
  readonly editTimeoutMs: number;
}

interface Workspace {
  readonly dir: string;
  readonly manifest: Manifest;
  readonly uri: (path: string) => string;
  readonly read: (path: string) => string;
}

export function workspaceOf(dir: string, manifest: Manifest): Workspace {
  return {
    dir,
    manifest,
    uri: (path) => pathToFileURL(join(dir, path)).toString(),
    read: (path) => readFileSync(join(dir, path), 'utf8'),
  };
}

/** Cold sessions (open-to-diagnostics each), the first of which also times the edits. */
export async function measureServer(spec: ServerSpec, workspace: Workspace, options: LspOptions): Promise<ServerFigures> {
  const notes: string[] = [];
  const open: number[] = [];
  const verdicts: number[] = [];
  let edits: SessionEdits = { port: 'not run' };
  for (let session = 0; session < options.sessions; session++) {
    const client = startLspClient(spec.command, spec.settings);
    try {
      // The edits run in the first session that opened in time.
      const result = await runSession(client, spec, workspace, options, typeof edits.port === 'string', notes);
      if (typeof result.open === 'number') {
        open.push(result.open);
      }
      if (typeof result.verdicts === 'number') {
        verdicts.push(result.verdicts);
      }
      if (result.edits !== undefined) {
        edits = result.edits;
      }
    } catch (error) {
      notes.push(`${spec.name}: session failed: ${String(error)}; stderr: ${client.stderrTail().slice(-300)}`);
    } finally {
      await client.stop();
    }
  }
  const figure = (samples: number[] | string | undefined, what: string): Figure =>
    typeof samples === 'string' ? { missing: samples } : samples === undefined || samples.length === 0 ? { missing: what } : { samples };
  return {
    open: figure(open, 'timeout'),
    ...(spec.crossFile ? { verdicts: figure(verdicts, 'timeout') } : {}),
    portEdit: figure(edits.port, 'timeout'),
    ...(spec.crossFile ? { labelEdit: figure(edits.label, 'not run') } : {}),
    ...(spec.crossFile ? { viewOpen: figure(edits.view?.open, 'not run'), viewUpdate: figure(edits.view?.update, 'not run') } : {}),
    ...(edits.peakRss === undefined ? {} : { peakRss: edits.peakRss }),
    notes,
  };
}

interface SessionEdits {
  readonly port: number[] | string;
  readonly label?: number[] | string;
  readonly view?: { readonly open: number[] | string; readonly update: number[] | string };
  readonly peakRss?: number;
}

interface SessionResult {
  readonly open: number | 'timeout';
  readonly verdicts?: number | 'timeout';
  readonly edits?: SessionEdits;
}

async function runSession(client: LspClient, spec: ServerSpec, workspace: Workspace, options: LspOptions, withEdits: boolean, notes: string[]): Promise<SessionResult> {
  const capabilities = await client.initialize(workspace.dir);
  if (!(await client.configured(10_000))) {
    notes.push(`${spec.name}: never asked for workspace/configuration`);
  }
  const { manifest } = workspace;
  const policyUri = workspace.uri(manifest.policyFile);
  const flowsUri = workspace.uri(manifest.flowsFile);
  const flowsText = workspace.read(manifest.flowsFile);
  const policyText = workspace.read(manifest.policyFile);
  const opened = await coldOpen(client, spec, policyUri, policyText, flowsUri, manifest.counts.flows, options);
  if (withEdits) {
    noteOpen(client, spec, policyUri, flowsUri, opened, manifest.counts.flows, notes);
  }
  const { open, verdicts } = opened;
  const result = { open: open === 'timeout' ? open : open.elapsed, ...(verdicts === undefined ? {} : { verdicts }) };
  if (!withEdits || open === 'timeout') {
    return result;
  }
  const incremental = !options.fullSync && syncKind(capabilities) === 2;
  const port = await portEdits(client, spec, policyUri, policyText, options, incremental, notes);
  const probeLine = lineOf(flowsText, flowsText.indexOf(manifest.probeFlowName));
  const label = spec.crossFile && verdicts !== 'timeout' ? await labelEdits(client, workspace, flowsUri, flowsText, probeLine, options, incremental) : undefined;
  const view = spec.crossFile && label !== undefined && typeof label !== 'string' ? await viewRequests(client, workspace, options, incremental) : undefined;
  const peakRss = client.peakRss();
  return { ...result, edits: { port, ...(label === undefined ? {} : { label }), ...(view === undefined ? {} : { view }), ...(peakRss === undefined ? {} : { peakRss }) } };
}

interface ColdOpen {
  /** From didOpen to the first diagnostics of the opened file (of its version 1, when versioned). */
  readonly open: { readonly elapsed: number; readonly diagnostics: number } | 'timeout';
  /** Cross-file servers only: from didOpen until the flows file carries a verdict for every flow. */
  readonly verdicts?: number | 'timeout';
}

// Both waits start before didOpen, so neither can miss its publish. A server may publish the
// opened file's own diagnostics before the workspace's verdicts, or everything at once: the first
// publish times `open` either way, and `verdicts` waits for the flows file to be complete.
async function coldOpen(client: LspClient, spec: ServerSpec, policyUri: string, policyText: string, flowsUri: string, flowCount: number, options: LspOptions): Promise<ColdOpen> {
  const first = client.nextDiagnostics(policyUri, spec.versioned ? (params) => params.version === 1 : () => true, options.openTimeoutMs);
  const complete = spec.crossFile ? client.nextDiagnostics(flowsUri, (params) => countVerdicts(params.diagnostics) >= flowCount, options.openTimeoutMs) : undefined;
  const start = performance.now();
  await client.open(policyUri, policyText, 1);
  const opened = await first;
  const verdicts = complete === undefined ? undefined : await complete;
  return {
    open: opened === 'timeout' ? opened : { elapsed: opened.at - start, diagnostics: opened.params.diagnostics.length },
    ...(verdicts === undefined ? {} : { verdicts: verdicts === 'timeout' ? verdicts : verdicts.at - start }),
  };
}

function noteOpen(client: LspClient, spec: ServerSpec, policyUri: string, flowsUri: string, { open, verdicts }: ColdOpen, flowCount: number, notes: string[]): void {
  if (open !== 'timeout') {
    const later = spec.crossFile ? `, ${client.latest(policyUri)?.diagnostics.length ?? 0} when every verdict was in` : '';
    notes.push(`${spec.name}: ${open.diagnostics} diagnostics on the policy file in its first publish after didOpen${later}`);
  }
  if (verdicts === 'timeout') {
    const seen = countVerdicts(client.latest(flowsUri)?.diagnostics ?? []);
    notes.push(`${spec.name}: all-verdicts wait timed out: the flows file's last publish had ${seen} of ${flowCount} \`flow-verdict\` diagnostics`);
  }
}

function countVerdicts(diagnostics: readonly Diagnostic[]): number {
  return diagnostics.filter((diagnostic) => diagnostic.code === 'flow-verdict').length;
}

async function portEdits(client: LspClient, spec: ServerSpec, uri: string, text: string, options: LspOptions, incremental: boolean, notes: string[]): Promise<number[] | string> {
  const point = findPortInMiddle(text);
  if (point === undefined) {
    return 'no numeric port in the policy file';
  }
  let version = 1;
  const samples: number[] = [];
  // The first edit warms the server up and is not counted.
  for (let i = 0; i <= options.edits; i++) {
    const elapsed = await timeEdit(client, uri, point, String(10_001 + i), ++version, spec.versioned ? (params, v) => params.version === v : () => true, options, incremental);
    if (elapsed === 'timeout') {
      return samples.length === 0 ? 'timeout' : samples;
    }
    if (i > 0) {
      samples.push(elapsed);
    }
  }
  // A value the schema rejects (neither integer nor string) proves the server validates with it.
  const line = lineOf(point.text, point.start);
  const check = await timeEdit(client, uri, point, 'true', ++version, spec.versioned ? (params, v) => params.version === v : () => true, options, incremental);
  const seen = check !== 'timeout' && (client.latest(uri)?.diagnostics ?? []).some((diagnostic) => diagnostic.range.start.line === line);
  notes.push(`${spec.name}: schema check: \`port: true\` on line ${line + 1} ${seen ? 'is reported' : 'is NOT reported: the schema is not applied'}`);
  return samples;
}

async function labelEdits(client: LspClient, workspace: Workspace, flowsUri: string, flowsText: string, probeLine: number, options: LspOptions, incremental: boolean): Promise<number[] | string> {
  const { manifest } = workspace;
  const uri = workspace.uri(manifest.probeWorkloadFile);
  const text = workspace.read(manifest.probeWorkloadFile);
  const point = findValue(text, manifest.probeLabel);
  if (point === undefined) {
    return `no "${manifest.probeLabel}" in ${manifest.probeWorkloadFile}`;
  }
  // Both files are open, as in an editor with the workload on one side and the flows on the other.
  const flowsOpen = client.nextDiagnostics(flowsUri, (params) => params.version === 1, options.openTimeoutMs);
  await client.open(flowsUri, flowsText, 1);
  const workloadOpen = client.nextDiagnostics(uri, (params) => params.version === 1, options.openTimeoutMs);
  await client.open(uri, text, 1);
  if ((await flowsOpen) === 'timeout' || (await workloadOpen) === 'timeout') {
    return 'timeout opening the files';
  }
  let version = 1;
  const samples: number[] = [];
  for (let i = 0; i <= options.edits; i++) {
    // Odd edits revoke access (deny), even ones grant it again with another value (allow).
    const allow = i % 2 === 1;
    const value = allow ? `granted-${(i + 1) / 2}` : `revoked-${i}`;
    const word = allow ? 'allow' : 'deny';
    const waiting = client.nextDiagnostics(flowsUri, (params) => verdictAt(params.diagnostics, probeLine) === word, options.editTimeoutMs);
    const edit = replaceValue(point, value);
    const start = performance.now();
    await client.change(uri, ++version, incremental ? value : edit.text, incremental ? edit.range : undefined);
    const result = await waiting;
    if (result === 'timeout') {
      return samples.length === 0 ? 'timeout' : samples;
    }
    if (i > 0) {
      samples.push(result.at - start);
    }
  }
  return samples;
}

interface ReachabilityAnswer {
  readonly version: number;
  readonly unchanged?: boolean;
}

// The view's data as the editor asks for it: once when the view opens (the matrix is computed
// then), and after each edit of the probe's label, which the request itself brings into the
// analysis (the view asks right after the edit, without waiting for diagnostics).
async function viewRequests(client: LspClient, workspace: Workspace, options: LspOptions, incremental: boolean): Promise<{ open: number[] | string; update: number[] | string }> {
  const { manifest } = workspace;
  const uri = workspace.uri(manifest.probeWorkloadFile);
  const point = findValue(workspace.read(manifest.probeWorkloadFile), manifest.probeLabel);
  if (point === undefined) {
    return { open: 'no probe', update: 'no probe' };
  }
  const ask = async (known?: number): Promise<{ elapsed: number; answer: ReachabilityAnswer } | 'timeout'> => {
    const start = performance.now();
    const answer = await client.request<ReachabilityAnswer | null>('netpol/reachability', known === undefined ? {} : { known }, options.editTimeoutMs);
    return answer === 'timeout' || answer === null ? 'timeout' : { elapsed: performance.now() - start, answer };
  };
  const first = await ask();
  if (first === 'timeout') {
    return { open: 'timeout', update: 'not run' };
  }
  let known = first.answer.version;
  const update: number[] = [];
  // Versions after those of the label edits, which used this file before.
  let version = 1_000;
  for (let i = 0; i < options.edits; i++) {
    const value = i % 2 === 0 ? `revoked-view-${i}` : `granted-${(i % 9) + 1}`;
    const edit = replaceValue(point, value);
    const start = performance.now();
    await client.change(uri, ++version, incremental ? value : edit.text, incremental ? edit.range : undefined);
    const answer = await client.request<ReachabilityAnswer | null>('netpol/reachability', { known }, options.editTimeoutMs);
    if (answer === 'timeout' || answer === null || answer.unchanged === true) {
      return { open: [first.elapsed], update: answer === 'timeout' ? 'timeout' : 'the edit did not change the matrix' };
    }
    update.push(performance.now() - start);
    known = answer.version;
  }
  return { open: [first.elapsed], update };
}

async function timeEdit(
  client: LspClient,
  uri: string,
  point: EditPoint,
  value: string,
  version: number,
  accept: (params: PublishDiagnosticsParams, version: number) => boolean,
  options: LspOptions,
  incremental: boolean,
): Promise<number | 'timeout'> {
  const waiting = client.nextDiagnostics(uri, (params) => accept(params, version), options.editTimeoutMs);
  const edit = replaceValue(point, value);
  const start = performance.now();
  await client.change(uri, version, incremental ? value : edit.text, incremental ? edit.range : undefined);
  const result = await waiting;
  return result === 'timeout' ? 'timeout' : result.at - start;
}

function verdictAt(diagnostics: readonly Diagnostic[], line: number): 'allow' | 'deny' | undefined {
  for (const diagnostic of diagnostics) {
    if (diagnostic.range.start.line === line && /^(allow|deny)\b/i.test(diagnostic.message)) {
      return diagnostic.message.toLowerCase().startsWith('allow') ? 'allow' : 'deny';
    }
  }
  return undefined;
}

function syncKind(result: InitializeResult): number | undefined {
  const sync = result.capabilities.textDocumentSync;
  return typeof sync === 'number' ? sync : sync?.change;
}
