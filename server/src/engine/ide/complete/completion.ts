import type { Span } from '../../core/span';

export type CompletionKind =
  'field' | 'value' | 'label' | 'namespace' | 'endpoint' | 'port' | 'snippet';

/** One completion: what to show, and the text that replaces `span` in the file. */
export interface Completion {
  readonly label: string;
  readonly kind: CompletionKind;
  readonly detail?: string;
  /** Markdown. */
  readonly documentation?: string;
  /** Already indented for its place; in LSP snippet syntax when `snippet` is set. */
  readonly insertText: string;
  readonly snippet?: boolean;
  readonly span: Span;
  /** Orders items where the label does not (the most used labels first). */
  readonly sortText?: string;
}
