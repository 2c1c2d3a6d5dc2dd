import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Settings } from '../settings';
import type { Workspace } from '../workspace';

/** What every editor feature works with: the connection, the open documents and the workspace. */
export interface FeatureContext {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly workspace: Workspace;
  /** The `netpol.*` settings in effect. */
  readonly settings: () => Settings;
}
