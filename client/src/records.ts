import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { explainRecordsRequest } from '../../server/src/protocol';
import type { LineRange, RecordSummary, SampleFlow } from '../../server/src/protocol';
import { addFlowsToSampleFlows } from './add-to-sample-flows';
import { ALLOW_THIS_FLOW, allowFlowCommand } from './allow-flow';
import { createRecordsAsker } from './records-request';

// A node's log is policy_action.log, rotated as policy_action-<time>.log.
const NODE_FILE = /(^|[\\/])policy[_-]action[^\\/]*\.log$/i;
const MAYBE_RECORDS = /\.(json|jsonl|ndjson|log)$/i;
const SNIFF_LENGTH = 4096;
const DELAY_MS = 300;
const RETRY_MS = 1000;
const RETRIES = 60;

/**
 * Diagnostics on files of real policy-action records: read against the workspace when such a
 * file is opened or edited, or for any file by the command `netpol.explainRecords`. The records
 * file is never synchronised with the server as a workspace file: its text goes with a request
 * when the server has not read that version (see records-request.ts).
 */
export function registerRecords(client: LanguageClient): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('netpol-records');
  const explained = new Map<string, readonly RecordSummary[]>();
  const chosen = new Set<string>();
  const timers = new Map<string, NodeJS.Timeout>();

  const asker = createRecordsAsker((params) => client.sendRequest(explainRecordsRequest, params));
  const explain = async (document: vscode.TextDocument, tell: boolean): Promise<boolean> => {
    const result = await asker.ask({
      uri: document.uri.toString(),
      version: document.version,
      getText: () => document.getText(),
    });
    if (!result.ok) {
      if (tell) {
        void vscode.window.showWarningMessage(result.message);
      }
      return false;
    }
    const key = document.uri.toString();
    explained.set(key, result.records);
    collection.set(
      document.uri,
      result.diagnostics.map((item) => {
        const diagnostic = new vscode.Diagnostic(
          toRange(item.range),
          item.message,
          SEVERITY[item.severity],
        );
        diagnostic.code = item.code;
        diagnostic.source = 'netpol';
        return diagnostic;
      }),
    );
    if (tell) {
      void vscode.window.showInformationMessage(`netpol-lens: ${result.summary}.`);
    }
    return true;
  };
  // Until the workspace is analysed the server has no answer: ask again a little later.
  const schedule = (document: vscode.TextDocument, retries = RETRIES): void => {
    const key = document.uri.toString();
    if (!chosen.has(key) && !isRecordsFile(document)) {
      return;
    }
    clearTimeout(timers.get(key));
    const run = async () => {
      const done = await explain(document, false).catch(() => true);
      if (!done && retries > 0 && !document.isClosed) {
        schedule(document, retries - 1);
      }
    };
    timers.set(
      key,
      setTimeout(() => void run(), retries === RETRIES ? DELAY_MS : RETRY_MS),
    );
  };

  vscode.workspace.textDocuments.forEach((document) => schedule(document));
  return vscode.Disposable.from(
    collection,
    vscode.workspace.onDidOpenTextDocument((document) => schedule(document)),
    // A policy edited, saved or not (the server reads open documents as they are), changes the
    // decisions: the open records files are read again once the edits pause.
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document.languageId === 'yaml') {
        vscode.workspace.textDocuments.forEach((document) => schedule(document));
      } else {
        schedule(event.document);
      }
    }),
    vscode.workspace.onDidCloseTextDocument((document) => {
      const key = document.uri.toString();
      collection.delete(document.uri);
      explained.delete(key);
      chosen.delete(key);
      asker.forget(key);
    }),
    vscode.commands.registerCommand('netpol.explainRecords', async () => {
      const document = vscode.window.activeTextEditor?.document;
      if (document === undefined) {
        void vscode.window.showWarningMessage('Open a file of policy-action records first.');
        return;
      }
      chosen.add(document.uri.toString());
      await explain(document, true);
    }),
    vscode.commands.registerCommand(
      'netpol.addRecordsToSampleFlows',
      async (flows: readonly SampleFlow[]) => {
        try {
          await addFlowsToSampleFlows(client, flows);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          void vscode.window.showErrorMessage(`Add to SampleFlows: ${message}`);
        }
      },
    ),
    vscode.languages.registerCodeActionsProvider(
      [{ scheme: 'file' }, { scheme: 'untitled' }],
      {
        provideCodeActions: (document, range, context) => {
          const records = explained.get(document.uri.toString());
          return [
            ...allowFlowActions(records, range, context.diagnostics),
            ...addToSampleFlowsActions(records, range),
          ];
        },
      },
      { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, vscode.CodeActionKind.Empty] },
    ),
  );
}

/**
 * "Allow this flow" for each connection of the records the selection touches that the workspace
 * now denies: production denied it, and the user wants it allowed. The server finds the change
 * when the action is chosen; records it cannot place or already allows get none.
 */
function allowFlowActions(
  records: readonly RecordSummary[] | undefined,
  range: vscode.Range,
  diagnostics: readonly vscode.Diagnostic[],
): vscode.CodeAction[] {
  const touched = touchedBy(records, range).filter((record) => record.allowed === false);
  const flows = uniqueFlows(
    touched.flatMap((record) => (record.flow === null ? [] : [record.flow])),
  );
  return flows.map((flow) => {
    const title =
      flows.length === 1
        ? ALLOW_THIS_FLOW
        : `${ALLOW_THIS_FLOW}: ${flow.from} -> ${flow.to}:${flow.port}/${flow.protocol ?? 'TCP'}`;
    const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
    action.diagnostics = diagnostics.filter(
      (diagnostic) =>
        diagnostic.source === 'netpol' &&
        touched.some((record) => toRange(record.range).intersection(diagnostic.range)),
    );
    const { from, to, port, protocol } = flow;
    action.command = {
      title,
      command: allowFlowCommand,
      arguments: [{ from, to, port, protocol }],
    };
    return action;
  });
}

/** "Add N records to SampleFlows" for the records the selection touches. */
function addToSampleFlowsActions(
  records: readonly RecordSummary[] | undefined,
  range: vscode.Range,
): vscode.CodeAction[] {
  const flows = uniqueFlows(
    touchedBy(records, range).flatMap((record) => (record.flow === null ? [] : [record.flow])),
  );
  if (flows.length === 0) {
    return [];
  }
  const title =
    flows.length === 1
      ? 'Add this record to SampleFlows'
      : `Add ${flows.length} records to SampleFlows`;
  const action = new vscode.CodeAction(title, vscode.CodeActionKind.Empty);
  action.command = { title, command: 'netpol.addRecordsToSampleFlows', arguments: [flows] };
  return [action];
}

/**
 * One flow per connection: the egress and ingress records of one connection make one flow,
 * and a deny on either side makes the flow a deny.
 */
export function uniqueFlows(flows: readonly SampleFlow[]): SampleFlow[] {
  const byKey = new Map<string, SampleFlow>();
  for (const flow of flows) {
    const key = `${flow.from} ${flow.to} ${flow.port} ${flow.protocol ?? 'TCP'}`;
    const known = byKey.get(key);
    if (known === undefined || (known.expect === 'allow' && flow.expect === 'deny')) {
      byKey.set(key, flow);
    }
  }
  return [...byKey.values()];
}

function touchedBy(
  records: readonly RecordSummary[] | undefined,
  range: vscode.Range,
): RecordSummary[] {
  return (records ?? []).filter(
    (record) => toRange(record.range).intersection(fullLines(range)) !== undefined,
  );
}

function isRecordsFile(document: vscode.TextDocument): boolean {
  const name = document.uri.path;
  if (NODE_FILE.test(name)) {
    return true;
  }
  if (!MAYBE_RECORDS.test(name)) {
    return false;
  }
  const head = document
    .getText(new vscode.Range(0, 0, document.lineCount, 0))
    .slice(0, SNIFF_LENGTH);
  return (
    head.includes('/logs/policy-action"') ||
    (head.includes('"connection"') && head.includes('"disposition"'))
  );
}

function fullLines(range: vscode.Range): vscode.Range {
  return new vscode.Range(range.start.line, 0, range.end.line, Number.MAX_SAFE_INTEGER);
}

function toRange(range: LineRange): vscode.Range {
  return new vscode.Range(
    range.start.line,
    range.start.character,
    range.end.line,
    range.end.character,
  );
}

const SEVERITY = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
} as const;
