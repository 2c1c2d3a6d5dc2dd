import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { Diagnostic, InitializeResult, PublishDiagnosticsParams, Range } from 'vscode-languageserver-protocol';

export interface ServerCommand {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
}

/** Answers `workspace/configuration`: each requested section is looked up here by name. */
export type Settings = Readonly<Record<string, unknown>>;

export interface PublishedDiagnostics {
  readonly params: PublishDiagnosticsParams;
  /** `performance.now()` when the notification arrived. */
  readonly at: number;
}

export interface LspClient {
  readonly pid: number;
  initialize(folder: string): Promise<InitializeResult>;
  /** Resolves once the server has asked for its settings (or after `timeoutMs`). */
  configured(timeoutMs: number): Promise<boolean>;
  open(uri: string, text: string, version: number): Promise<void>;
  /** Full text, or one ranged edit when `range` is given (for servers that sync incrementally). */
  change(uri: string, version: number, text: string, range?: Range): Promise<void>;
  /**
   * The next diagnostics for `uri` that satisfy `accept`, or 'timeout'. Call it before sending
   * the change it should observe.
   */
  nextDiagnostics(uri: string, accept: (params: PublishDiagnosticsParams) => boolean, timeoutMs: number): Promise<PublishedDiagnostics | 'timeout'>;
  latest(uri: string): PublishDiagnosticsParams | undefined;
  /** A request and its answer, or 'timeout'. */
  request<T>(method: string, params: unknown, timeoutMs: number): Promise<T | 'timeout'>;
  /** Peak resident set size of the server process in bytes (VmHWM), if readable. */
  peakRss(): number | undefined;
  stderrTail(): string;
  stop(): Promise<void>;
}

interface Waiter {
  readonly uri: string;
  readonly accept: (params: PublishDiagnosticsParams) => boolean;
  readonly resolve: (value: PublishedDiagnostics) => void;
}

export function startLspClient(server: ServerCommand, settings: Settings): LspClient {
  const child = spawn(server.command, [...server.args], { cwd: server.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const latest = new Map<string, PublishDiagnosticsParams>();
  const waiters = new Set<Waiter>();
  let stderr = '';
  let askedForSettings: () => void = () => undefined;
  const settingsAsked = new Promise<void>((resolve) => {
    askedForSettings = resolve;
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  // A dead server must fail the waits quickly rather than hang them.
  child.on('error', (error) => {
    stderr += `\nspawn error: ${error.message}`;
  });

  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    const at = performance.now();
    latest.set(params.uri, params);
    for (const waiter of waiters) {
      if (waiter.uri === params.uri && waiter.accept(params)) {
        waiters.delete(waiter);
        waiter.resolve({ params, at });
      }
    }
  });
  connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => {
    askedForSettings();
    return params.items.map((item) => (item.section === undefined ? settings : (settings[item.section] ?? null)));
  });
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('client/unregisterCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('workspace/workspaceFolders', () => null);
  connection.onNotification(() => undefined);
  connection.onError(() => undefined);
  connection.listen();

  return {
    pid: child.pid ?? -1,
    async initialize(folder) {
      const uri = pathToFileURL(folder).toString();
      const result = await withTimeout(
        connection.sendRequest<InitializeResult>('initialize', {
          processId: process.pid,
          rootUri: uri,
          workspaceFolders: [{ uri, name: 'bench' }],
          capabilities: {
            workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true } },
            textDocument: {
              synchronization: { dynamicRegistration: false, didSave: true },
              publishDiagnostics: { relatedInformation: true, versionSupport: true },
              hover: { contentFormat: ['markdown', 'plaintext'] },
            },
          },
          initializationOptions: {},
        }),
        60_000,
      );
      if (result === 'timeout') {
        throw new Error(`initialize timed out; stderr: ${stderr}`);
      }
      await connection.sendNotification('initialized', {});
      return result;
    },
    async configured(timeoutMs) {
      return (await withTimeout(settingsAsked, timeoutMs)) !== 'timeout';
    },
    async open(uri, text, version) {
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
    },
    async change(uri, version, text, range) {
      const change = range === undefined ? { text } : { range, text };
      await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    },
    nextDiagnostics(uri, accept, timeoutMs) {
      const found = new Promise<PublishedDiagnostics>((resolve) => {
        waiters.add({ uri, accept, resolve });
      });
      return withTimeout(found, timeoutMs);
    },
    latest: (uri) => latest.get(uri),
    request: (method, params, timeoutMs) => withTimeout(connection.sendRequest(method, params), timeoutMs),
    peakRss() {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const match = /VmHWM:\s+(\d+) kB/.exec(status);
        return match?.[1] === undefined ? undefined : Number(match[1]) * 1024;
      } catch {
        return undefined;
      }
    },
    stderrTail: () => stderr,
    async stop() {
      waiters.clear();
      if (child.exitCode === null) {
        await withTimeout(connection.sendRequest('shutdown'), 3_000).catch(() => undefined);
        await connection.sendNotification('exit').catch(() => undefined);
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        if ((await withTimeout(exited, 3_000)) === 'timeout') {
          child.kill('SIGKILL');
        }
      }
      connection.dispose();
    },
  };
}

export async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}

export function hasMessage(diagnostics: readonly Diagnostic[], line: number, prefix: string): boolean {
  return diagnostics.some((diagnostic) => diagnostic.range.start.line === line && diagnostic.message.startsWith(prefix));
}
