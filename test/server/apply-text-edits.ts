import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, TextEdit, WorkspaceEdit } from 'vscode-languageserver/node';

/** The text after the client applies `edits` to it. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'yaml', 1, text), [...edits]);
}

export function applyWorkspaceEdit(
  text: string,
  uri: string,
  edit: WorkspaceEdit | undefined,
): string {
  return applyTextEdits(text, edit?.changes?.[uri] ?? []);
}

/** Applies a completion as a client would, with snippet placeholders replaced by their defaults. */
export function applyCompletion(text: string, item: CompletionItem): string {
  const edit = item.textEdit;
  if (edit === undefined || !('range' in edit)) {
    throw new Error(`no textEdit on ${item.label}`);
  }
  const newText = edit.newText.replace(/\$\{\d+[:|]([^}|,]*)[^}]*\}|\$\d/g, '$1');
  return applyTextEdits(text, [{ range: edit.range, newText }]);
}
