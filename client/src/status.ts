import * as vscode from 'vscode';
import { State } from 'vscode-languageclient/node';
import type { LanguageClient } from 'vscode-languageclient/node';

export const showOutputCommand = 'netpol.showOutput';

const looks: Record<State, { text: string; tooltip: string }> = {
  [State.Starting]: {
    text: '$(sync~spin) netpol',
    tooltip: 'netpol-lens: the language server is starting',
  },
  [State.Running]: {
    text: '$(check) netpol',
    tooltip: 'netpol-lens: the language server is ready',
  },
  [State.Stopped]: {
    text: '$(error) netpol',
    tooltip: 'netpol-lens: the language server stopped; click for its output',
  },
};

/** A status bar item that follows the language server's state; a click shows the output channel. */
export function createStatusItem(
  client: LanguageClient,
  output: vscode.OutputChannel,
): vscode.Disposable {
  const item = vscode.window.createStatusBarItem(
    'netpol.status',
    vscode.StatusBarAlignment.Right,
    100,
  );
  item.name = 'netpol-lens';
  item.command = showOutputCommand;
  const show = (state: State): void => {
    item.text = looks[state].text;
    item.tooltip = looks[state].tooltip;
    item.backgroundColor =
      state === State.Stopped ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  };
  // The item is created just before client.start(), while the client still reports Stopped.
  show(State.Starting);
  item.show();
  return vscode.Disposable.from(
    item,
    client.onDidChangeState(({ newState }) => show(newState)),
    vscode.commands.registerCommand(showOutputCommand, () => output.show(true)),
  );
}
