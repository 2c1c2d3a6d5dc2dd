import { RequestType } from 'vscode-languageserver-protocol';

/** Parameters of `netpol/simulateFlow`. */
export interface SimulateFlowParams {
  readonly from: string;
  readonly to: string;
  readonly port: string;
  readonly protocol?: string;
}

/** The answer of `netpol/simulateFlow`: the flow object of the CLI's JSON, or an error message. */
export type SimulateFlowResult =
  | { readonly ok: true; readonly text: string; readonly flow: unknown }
  | { readonly ok: false; readonly message: string };

/** Simulates one flow against the workspace as the server currently sees it. */
export const simulateFlowRequest = new RequestType<SimulateFlowParams, SimulateFlowResult, void>(
  'netpol/simulateFlow',
);

/** Parameters of `netpol/logPreview`: the SampleFlows file to preview. */
export interface LogPreviewParams {
  readonly uri: string;
}

/** The "Log preview" document of a file's flows, in the `netpol-log` language. */
export interface LogPreviewResult {
  readonly title: string;
  readonly text: string;
  readonly flowCount: number;
}

/** Renders what GKE would log for every flow of one file. */
export const logPreviewRequest = new RequestType<LogPreviewParams, LogPreviewResult, void>(
  'netpol/logPreview',
);
