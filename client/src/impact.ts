import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { impactRequest } from '../../server/src/protocol';
import type { ImpactBase, ImpactResult } from '../../server/src/protocol';
import { registerCommand } from './run-command';
import { renderFailure, showBeside } from './virtual-documents';

export const showImpactCommand = 'netpol.showImpact';
const IMPACT_SCHEME = 'netpol-impact';
const IMPACT_URI = vscode.Uri.from({ scheme: IMPACT_SCHEME, path: '/Change impact' });
// Analyses arrive in bursts while the user types; one comparison per burst is enough.
const UPDATE_DELAY_MS = 400;

/** What of VS Code's git extension API (`vscode.git`, version 1) is read here. */
interface GitChange {
  readonly uri: vscode.Uri;
}
interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly state: {
    readonly HEAD?: { readonly commit?: string };
    readonly workingTreeChanges: readonly GitChange[];
    readonly indexChanges: readonly GitChange[];
    readonly onDidChange: vscode.Event<void>;
  };
  show(ref: string, path: string): Promise<string>;
}
interface GitApi {
  readonly repositories: readonly GitRepository[];
}

/**
 * Change impact: what the workspace as edited opens and closes against its base (each changed
 * file's git HEAD version, read through VS Code's git extension so that nothing is spawned here,
 * or the saved text of each edited document when there is no repository), as a status-bar count
 * kept current while typing and a report beside the editor.
 */
export function registerImpact(client: LanguageClient): vscode.Disposable {
  const item = vscode.window.createStatusBarItem(
    'netpol.impact',
    vscode.StatusBarAlignment.Left,
    0,
  );
  item.name = 'netpol-lens: change impact';
  item.command = showImpactCommand;
  const changed = new vscode.EventEmitter<vscode.Uri>();
  const headTexts = new Map<string, string | null>();
  let last: ImpactResult | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let again = false;

  const update = async (): Promise<void> => {
    const { bases, baseName } = await collectBases(headTexts);
    if (bases.length === 0) {
      last = undefined;
      item.hide();
      changed.fire(IMPACT_URI);
      return;
    }
    const result = await client.sendRequest(impactRequest, { bases, baseName });
    last = result ?? undefined;
    if (last === undefined) {
      item.hide();
    } else {
      item.text = `$(git-compare) +${last.opened} opened, −${last.closed} closed`;
      item.tooltip = `netpol-lens: against ${baseName}, the edits open ${last.opened} and close ${last.closed} connections between workloads; ${last.flows} sample flow verdicts changed. Click for the list.`;
      item.show();
    }
    changed.fire(IMPACT_URI);
  };
  // One comparison at a time; a request meanwhile runs once the current one ends.
  const schedule = (): void => {
    if (timer !== undefined) {
      return;
    }
    timer = setTimeout(() => {
      timer = undefined;
      if (running !== undefined) {
        again = true;
        return;
      }
      running = update()
        .catch(() => item.hide())
        .finally(() => {
          running = undefined;
          if (again) {
            again = false;
            schedule();
          }
        });
    }, UPDATE_DELAY_MS);
  };
  const provider: vscode.TextDocumentContentProvider = {
    onDidChange: changed.event,
    provideTextDocumentContent: async () => {
      try {
        if (running !== undefined) {
          await running;
        }
        return last?.text ?? '# Change impact\n\nNo YAML file differs from its base.\n';
      } catch (error) {
        return renderFailure('The change impact', error);
      }
    },
  };
  const disposables: vscode.Disposable[] = [
    item,
    changed,
    vscode.workspace.registerTextDocumentContentProvider(IMPACT_SCHEME, provider),
    // Every new analysis publishes diagnostics; saving changes the base of a repository-less file.
    vscode.languages.onDidChangeDiagnostics(schedule),
    vscode.workspace.onDidSaveTextDocument(schedule),
    registerCommand(showImpactCommand, async () => {
      await update();
      await showBeside(IMPACT_URI, 'plaintext');
    }),
    { dispose: () => clearTimeout(timer) },
  ];
  void gitApi().then((git) => {
    for (const repository of git?.repositories ?? []) {
      disposables.push(repository.state.onDidChange(schedule));
    }
    schedule();
  });
  return {
    dispose: () => {
      for (const disposable of disposables) {
        disposable.dispose();
      }
    },
  };
}

/** The git extension's API when it runs (not in an untrusted workspace, where git is off). */
async function gitApi(): Promise<GitApi | undefined> {
  const extension = vscode.extensions.getExtension<{ getAPI(version: 1): GitApi }>('vscode.git');
  if (extension === undefined) {
    return undefined;
  }
  try {
    const exports = extension.isActive ? extension.exports : await extension.activate();
    return exports.getAPI(1);
  } catch {
    return undefined;
  }
}

const isYaml = (uri: vscode.Uri): boolean => /\.ya?ml$/i.test(uri.path);

/** The base text of each YAML file that differs from it; `headTexts` caches git's answers. */
async function collectBases(
  headTexts: Map<string, string | null>,
): Promise<{ bases: ImpactBase[]; baseName: string }> {
  const bases = new Map<string, string | null>();
  const git = await gitApi();
  const repositories = git?.repositories ?? [];
  for (const repository of repositories) {
    const commit = repository.state.HEAD?.commit ?? 'none';
    for (const change of [
      ...repository.state.workingTreeChanges,
      ...repository.state.indexChanges,
    ]) {
      const key = change.uri.toString();
      if (!isYaml(change.uri) || bases.has(key)) {
        continue;
      }
      const cacheKey = `${commit}:${key}`;
      if (!headTexts.has(cacheKey)) {
        // A file git does not know at HEAD (new, untracked) has no base version.
        headTexts.set(cacheKey, await repository.show('HEAD', change.uri.fsPath).catch(() => null));
      }
      bases.set(key, headTexts.get(cacheKey) ?? null);
    }
  }
  // Edited documents not yet saved: their saved text is the base unless git gave one.
  for (const document of vscode.workspace.textDocuments) {
    const key = document.uri.toString();
    if (!document.isDirty || document.uri.scheme !== 'file' || !isYaml(document.uri)) {
      continue;
    }
    if (!bases.has(key)) {
      bases.set(key, await readSaved(document.uri));
    }
  }
  return {
    bases: [...bases].map(([uri, text]) => ({ uri, text })),
    baseName: repositories.length > 0 ? 'git HEAD' : 'the saved files',
  };
}

async function readSaved(uri: vscode.Uri): Promise<string | null> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return null;
  }
}
