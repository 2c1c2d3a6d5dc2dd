import { CompletionItemKind, InsertTextFormat, InsertTextMode } from 'vscode-languageserver/node';
import type { CompletionItem, CompletionList } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ide } from '../engine';

import { runSafe } from '../run-safe';
import { toRange } from '../to-lsp';
import type { FeatureContext } from './context';

// `-` is left out: right after it the item still needs its space, which ` ` then triggers.
export const COMPLETION_TRIGGERS = [':', ' ', '/'];

const KINDS: Readonly<Record<ide.CompletionKind, CompletionItemKind>> = {
  field: CompletionItemKind.Property,
  value: CompletionItemKind.EnumMember,
  label: CompletionItemKind.Value,
  namespace: CompletionItemKind.Module,
  endpoint: CompletionItemKind.Reference,
  port: CompletionItemKind.Unit,
  snippet: CompletionItemKind.Snippet,
};

/** Completion from the live text of the document and the world of the last analysis. */
export function registerCompletion({ connection, documents, workspace }: FeatureContext): void {
  connection.onCompletion((params) =>
    runSafe(connection, 'completion', null, (): CompletionList | null => {
      const document = documents.get(params.textDocument.uri);
      if (document === undefined) {
        return null;
      }
      const offset = document.offsetAt(params.position);
      const text = document.getText();
      const linePrefix = text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset);
      // A space is typed everywhere; it asks for values only after `key: ` or `- `.
      if (params.context?.triggerCharacter === ' ' && !/(?::|^\s*-) $/.test(linePrefix)) {
        return null;
      }
      const items = ide.complete(text, offset, workspace.analysis()?.world);
      return { isIncomplete: false, items: items.map((item) => toItem(document, item)) };
    }),
  );
}

function toItem(document: TextDocument, completion: ide.Completion): CompletionItem {
  return {
    label: completion.label,
    kind: KINDS[completion.kind],
    ...(completion.detail === undefined ? {} : { detail: completion.detail }),
    ...(completion.documentation === undefined
      ? {}
      : { documentation: { kind: 'markdown', value: completion.documentation } }),
    ...(completion.sortText === undefined ? {} : { sortText: completion.sortText }),
    textEdit: { range: toRange(document, completion.span), newText: completion.insertText },
    insertTextFormat:
      completion.snippet === true ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    // The engine indents every line for its place already.
    insertTextMode: InsertTextMode.asIs,
  };
}
