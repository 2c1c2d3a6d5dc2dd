import type { Hover } from 'vscode-languageserver/node';
import { describeAt } from '../engine';
import { runSafe } from '../run-safe';
import { toRange } from '../to-lsp';
import type { FeatureContext } from './context';
import { renderFieldHover, renderFlowHover } from './render-hover';

/** Hover: a sample flow's verdict and log preview, else the schema description of a field. */
export function registerHover({ connection, documents, workspace }: FeatureContext): void {
  connection.onHover((params) =>
    runSafe(connection, 'hover', null, (): Hover | null => {
      const document = documents.get(params.textDocument.uri);
      const file = workspace.file(params.textDocument.uri);
      if (document === undefined || file === undefined) {
        return null;
      }
      const offset = document.offsetAt(params.position);
      const flow = workspace
        .analysis()
        ?.flows.find(
          (candidate) =>
            candidate.uri === file.uri &&
            candidate.span.start <= offset &&
            offset <= candidate.span.end,
        );
      if (flow !== undefined) {
        return {
          contents: { kind: 'markdown', value: renderFlowHover(flow) },
          range: toRange(document, flow.span),
        };
      }
      const field = describeAt(file, offset);
      return field === undefined
        ? null
        : {
            contents: { kind: 'markdown', value: renderFieldHover(field) },
            range: toRange(document, field.span),
          };
    }),
  );
}
