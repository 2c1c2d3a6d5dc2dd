import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-jsonrpc/node';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import type {
  Diagnostic,
  LogMessageParams,
  PublishDiagnosticsParams,
  ShowMessageParams,
} from 'vscode-languageserver/node';
import { startServer } from '../../server/src/server';
import type { ServerRuntime } from '../../server/src/server';

/** A language client and our server, wired together in-process over two streams. */
export interface Session {
  readonly client: MessageConnection;
  /** Opens (or replaces) a document and returns the next diagnostics published for it. */
  open(uri: string, text: string): Promise<Diagnostic[]>;
  change(uri: string, text: string): Promise<Diagnostic[]>;
  /** Resolves with the first diagnostics for `uri` that satisfy `accept`. */
  diagnostics(
    uri: string,
    accept?: (diagnostics: Diagnostic[], version?: number) => boolean,
  ): Promise<Diagnostic[]>;
  /** Resolves at the next `workspace/codeLens/refresh` request of the server. */
  nextLensRefresh(): Promise<void>;
  /** The diagnostics published for `uri` last, if they satisfy `accept`, else the next that do. */
  published(
    uri: string,
    accept?: (diagnostics: Diagnostic[], version?: number) => boolean,
  ): Promise<Diagnostic[]>;
  /** The diagnostics last published for `uri`, with their version. */
  latest(uri: string): PublishDiagnosticsParams | undefined;
  /** The `window/showMessage` notifications the server sent so far. */
  readonly messages: readonly ShowMessageParams[];
  /** The `window/logMessage` notifications the server sent so far (errors it caught, say). */
  readonly logs: readonly LogMessageParams[];
  /** Resolves once `check` holds: now, or after one of the diagnostics published next. */
  until(check: () => boolean): Promise<void>;
  /** Changes the `netpol.*` settings the client reports, and tells the server. */
  configure(settings: Record<string, unknown>): Promise<void>;
  close(): void;
}

export interface SessionOptions {
  /** The files the server reads, instead of the disk's. */
  readonly runtime?: ServerRuntime;
  /** The `netpol.*` settings the client reports from the start. */
  readonly settings?: Record<string, unknown>;
}

export async function startSession(
  workspaceFolder?: string,
  options: SessionOptions = {},
): Promise<Session> {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const serverConnection = createConnection(
    ProposedFeatures.all,
    new StreamMessageReader(toServer),
    new StreamMessageWriter(toClient),
  );
  const server = startServer(serverConnection, options.runtime);
  const client = createMessageConnection(
    new StreamMessageReader(toClient),
    new StreamMessageWriter(toServer),
  );
  const latest = new Map<string, PublishDiagnosticsParams>();
  const messages: ShowMessageParams[] = [];
  const logs: LogMessageParams[] = [];
  const checks: { check: () => boolean; resolve: () => void }[] = [];
  const waiters: {
    uri: string;
    accept: (d: Diagnostic[], version?: number) => boolean;
    resolve: (d: Diagnostic[]) => void;
  }[] = [];
  client.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    latest.set(params.uri, params);
    for (const waiter of [...waiters]) {
      if (waiter.uri === params.uri && waiter.accept(params.diagnostics, params.version)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(params.diagnostics);
      }
    }
    for (const each of [...checks]) {
      if (each.check()) {
        checks.splice(checks.indexOf(each), 1);
        each.resolve();
      }
    }
  });
  let settings: Record<string, unknown> = options.settings ?? {};
  client.onRequest('workspace/configuration', () => [settings]);
  client.onNotification('window/logMessage', (params: LogMessageParams) => logs.push(params));
  client.onNotification('window/showMessage', (params: ShowMessageParams) => messages.push(params));
  const refreshWaiters: (() => void)[] = [];
  client.onRequest('workspace/codeLens/refresh', () => {
    refreshWaiters.splice(0).forEach((resolve) => resolve());
    return null;
  });
  client.listen();
  const folderUri =
    workspaceFolder === undefined ? undefined : pathToFileURL(workspaceFolder).toString();
  await client.sendRequest('initialize', {
    processId: null,
    rootUri: folderUri ?? null,
    workspaceFolders: folderUri === undefined ? null : [{ uri: folderUri, name: 'workspace' }],
    capabilities: {
      workspace: { configuration: true, codeLens: { refreshSupport: true } },
      textDocument: { publishDiagnostics: { relatedInformation: true } },
    },
  });
  await client.sendNotification('initialized', {});
  const versions = new Map<string, number>();

  function diagnostics(
    uri: string,
    accept: (d: Diagnostic[], version?: number) => boolean = () => true,
  ) {
    return new Promise<Diagnostic[]>((resolve) => waiters.push({ uri, accept, resolve }));
  }
  return {
    client,
    diagnostics,
    latest: (uri) => latest.get(uri),
    published(uri, accept = () => true) {
      const last = latest.get(uri);
      return last !== undefined && accept(last.diagnostics, last.version)
        ? Promise.resolve(last.diagnostics)
        : diagnostics(uri, accept);
    },
    messages,
    logs,
    until: (check) =>
      check() ? Promise.resolve() : new Promise((resolve) => checks.push({ check, resolve })),
    nextLensRefresh: () => new Promise<void>((resolve) => refreshWaiters.push(resolve)),
    async open(uri, text) {
      // Diagnostics of an earlier version may still be on their way: wait for this one's.
      const next = diagnostics(uri, (_d, published) => published === 1);
      versions.set(uri, 1);
      await client.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: 'yaml', version: 1, text },
      });
      return next;
    },
    async change(uri, text) {
      const version = (versions.get(uri) ?? 1) + 1;
      const next = diagnostics(uri, (_d, published) => published === version);
      versions.set(uri, version);
      await client.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ text }],
      });
      return next;
    },
    async configure(next) {
      settings = next;
      await client.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    },
    close() {
      server.dispose();
      client.dispose();
      serverConnection.dispose();
      toServer.destroy();
      toClient.destroy();
    },
  };
}
