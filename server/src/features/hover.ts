import type { Hover } from 'vscode-languageserver/node';
import { ide } from '../engine';
import { runSafe } from '../run-safe';
import { toRange } from '../to-lsp';
import type { FeatureContext } from './context';
import { loggingTarget } from './logging-query';
import { hoverClusterSelection, hoverSelector } from './selector-hover';
import { hoverWorkload } from './workload-hover';

/**
 * Hover: a sample flow's verdict and log preview; else what a selector matches, or what
 * isolates a workload; else the schema description of a field.
 */
export function registerHover(context: FeatureContext): void {
  const { connection, documents, workspace } = context;
  connection.onHover((params) =>
    runSafe(connection, 'hover', null, async (): Promise<Hover | null> => {
      const document = documents.get(params.textDocument.uri);
      const file = workspace.file(params.textDocument.uri);
      if (document === undefined || file === undefined) {
        return null;
      }
      const offset = document.offsetAt(params.position);
      const analysis = workspace.analysis();
      const flow = analysis?.flows.find(
        (candidate) =>
          candidate.uri === file.uri &&
          candidate.span.start <= offset &&
          offset <= candidate.span.end,
      );
      if (flow !== undefined) {
        return {
          contents: {
            kind: 'markdown',
            value: ide.renderFlowHover(
              flow,
              ide.flowQuery(flow.flow, loggingTarget(context.settings())),
              analysis!.duplicates,
            ),
          },
          range: toRange(document, flow.span),
        };
      }
      const about =
        analysis &&
        (hoverSelector(analysis, document, offset) ??
          hoverClusterSelection(analysis, document, offset) ??
          (await hoverWorkload(context, analysis, document, offset)));
      if (about !== undefined) {
        return about;
      }
      const field = ide.describeAt(file, offset);
      return field === undefined
        ? null
        : {
            contents: { kind: 'markdown', value: ide.renderFieldHover(field) },
            range: toRange(document, field.span),
          };
    }),
  );
}
