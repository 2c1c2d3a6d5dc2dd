import { present } from '../engine';
import { logPreviewRequest } from '../protocol';
import { runSafe } from '../run-safe';
import type { FeatureContext } from './context';

/** `netpol/logPreview`: the Log preview document of one SampleFlows file. */
export function registerLogPreview({ connection, workspace }: FeatureContext): void {
  connection.onRequest(logPreviewRequest, (params) =>
    runSafe(connection, 'log preview', { title: '', text: '', flowCount: 0 }, () => {
      const analysis = workspace.analysis();
      const flows = analysis?.flows.filter((flow) => flow.uri === params.uri) ?? [];
      const title = decodeURIComponent(params.uri.split('/').pop() ?? params.uri);
      const text =
        analysis === undefined
          ? 'The workspace is still being analysed.\n'
          : present.renderLogDocument({ title, config: analysis.logging, flows });
      return { title, text, flowCount: flows.length };
    }),
  );
}
