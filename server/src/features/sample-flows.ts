import { TextDocument } from 'vscode-languageserver-textdocument';
import { ide } from '../engine';
import type { WorkspaceAnalysis } from '../engine';
import { appendSampleFlowRequest, sampleFlowsFilesRequest } from '../protocol';
import type { AppendSampleFlowResult, SampleFlow, SampleFlowsFilesResult } from '../protocol';
import { runSafe } from '../run-safe';
import type { FeatureContext } from './context';

/** `netpol/sampleFlowsFiles` and `netpol/appendSampleFlow`: "Add to SampleFlows". */
export function registerSampleFlows({ connection, workspace }: FeatureContext): void {
  connection.onRequest(sampleFlowsFilesRequest, () =>
    runSafe<SampleFlowsFilesResult>(connection, 'sample flows files', { uris: [] }, () =>
      listSampleFlowsFiles(workspace.analysis()),
    ),
  );
  connection.onRequest(appendSampleFlowRequest, (params) =>
    runSafe<AppendSampleFlowResult>(connection, 'append sample flow', { edits: [] }, () =>
      appendSampleFlow(params.uri, params.text, params.flow),
    ),
  );
}

export function listSampleFlowsFiles(
  analysis: WorkspaceAnalysis | undefined,
): SampleFlowsFilesResult {
  const uris = (analysis?.uris ?? []).filter((uri) =>
    analysis?.file(uri)?.objects.some((object) => object.kind === 'SampleFlows'),
  );
  return { uris: [...uris].sort() };
}

/** The edit that appends `flow` to the first SampleFlows object of `text`. */
export function appendSampleFlow(
  uri: string,
  text: string,
  flow: SampleFlow,
): AppendSampleFlowResult {
  const insertion = ide.appendFlow(uri, text, flow);
  const document = TextDocument.create(uri, 'yaml', 0, text);
  const position = document.positionAt(insertion.offset);
  return { edits: [{ range: { start: position, end: position }, newText: insertion.text }] };
}
