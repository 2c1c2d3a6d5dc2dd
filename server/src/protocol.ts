import { RequestType } from 'vscode-languageserver-protocol';
import type { WorkspaceEdit } from 'vscode-languageserver-protocol';

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

/**
 * Parameters of `netpol/allowFlow`: a flow as a SampleFlows entry writes it (other fields of a
 * `SampleFlow`, such as `expect`, are ignored). A port of digits is a number.
 */
export interface AllowFlowParams {
  readonly from: string;
  readonly to: string;
  readonly port: number | string;
  readonly protocol?: string;
}

/** Why `netpol/allowFlow` has no change to offer. */
export type AllowFlowRefusal =
  /** The parameters are not a flow (a bad port or protocol, a missing reference). */
  | 'bad-request'
  /** The workspace has not been analysed yet. */
  | 'not-ready'
  /** An endpoint or named port is not in the workspace. */
  | 'unresolved'
  /** The workspace already allows the flow. */
  | 'allowed'
  /** No new NetworkPolicy allows it (a tiered policy denies it, or the change did not work). */
  | 'no-fix'
  /** The server failed; its log says why. */
  | 'internal';

/**
 * The answer of `netpol/allowFlow`: the change "Allow this flow" would make, titled with what
 * else it opens, or why there is none.
 */
export type AllowFlowResult =
  | {
      readonly ok: true;
      /** `Allow this flow: add policy shop/api-from-web (opens nothing else)` */
      readonly title: string;
      readonly edit: WorkspaceEdit;
      /** How many other connections, in pod pairs, the change also opens. */
      readonly alsoOpens: number;
    }
  | { readonly ok: false; readonly code: AllowFlowRefusal; readonly message: string };

/**
 * The quick fix "Allow this flow" for any flow: the flow is simulated against the workspace as
 * the server sees it now, and new policies that admit it are checked on a copy of the workspace.
 */
export const allowFlowRequest = new RequestType<AllowFlowParams, AllowFlowResult, void>(
  'netpol/allowFlow',
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

/** A container port of an endpoint, as the world models it. */
export interface EndpointPort {
  readonly name?: string;
  readonly port: number;
  readonly protocol: string;
}

/** A pod or a workload's representative pod, with the reference that names it in a flow. */
export interface Endpoint {
  /** A SampleFlows endpoint reference: `namespace/name`, or `namespace/kind/name` if ambiguous. */
  readonly ref: string;
  readonly namespace: string;
  readonly name: string;
  /** `Pod`, or the kind of the workload. */
  readonly kind: string;
  readonly ip: string;
  readonly ports: readonly EndpointPort[];
}

/** The answer of `netpol/endpoints`: the world's endpoints grouped by namespace, both sorted. */
export interface EndpointsResult {
  readonly namespaces: readonly {
    readonly name: string;
    readonly endpoints: readonly Endpoint[];
  }[];
}

/** Lists every pod and workload of the workspace's world. */
export const endpointsRequest = new RequestType<Record<string, never>, EndpointsResult, void>(
  'netpol/endpoints',
);

/** Parameters of `netpol/endpointAt`: a position in a file. */
export interface EndpointAtParams {
  readonly uri: string;
  readonly position: { readonly line: number; readonly character: number };
}

/** The pod or workload whose object contains the position, or null. */
export const endpointAtRequest = new RequestType<EndpointAtParams, Endpoint | null, void>(
  'netpol/endpointAt',
);

/** The answer of `netpol/sampleFlowsFiles`: URIs of the files holding a SampleFlows object. */
export interface SampleFlowsFilesResult {
  readonly uris: readonly string[];
}

/** Lists the workspace's files that hold a SampleFlows object, sorted. */
export const sampleFlowsFilesRequest = new RequestType<
  Record<string, never>,
  SampleFlowsFilesResult,
  void
>('netpol/sampleFlowsFiles');

/** One flow to write into a SampleFlows file; `protocol` is written only when not TCP. */
export interface SampleFlow {
  readonly name?: string;
  readonly from: string;
  readonly to: string;
  readonly port: number | string;
  readonly protocol?: string;
  readonly expect?: 'allow' | 'deny';
  /** Written as a boolean: `expectLogged: true`. */
  readonly expectLogged?: boolean;
}

/** Parameters of `netpol/appendSampleFlow`: the file's current text, so the edit fits it. */
export interface AppendSampleFlowParams {
  readonly uri: string;
  readonly text: string;
  readonly flow: SampleFlow;
}

/** A text edit in 0-based line/character positions (an LSP `TextEdit`). */
export interface AppendSampleFlowResult {
  readonly edits: readonly {
    readonly range: {
      readonly start: { readonly line: number; readonly character: number };
      readonly end: { readonly line: number; readonly character: number };
    };
    readonly newText: string;
  }[];
}

/**
 * The edits that append a flow to the first SampleFlows object of a text, or, when the text has
 * none, append a new SampleFlows document (the whole file when the text is empty).
 */
export const appendSampleFlowRequest = new RequestType<
  AppendSampleFlowParams,
  AppendSampleFlowResult,
  void
>('netpol/appendSampleFlow');

/** Parameters of `netpol/reachability`: the version the client already shows, if any. */
export interface ReachabilityParams {
  readonly known?: number;
}

/** A group of pods every verdict treats alike (same namespace, labels, ports...). */
export interface ReachabilityClass {
  readonly namespace: string;
  /** The names of its pods and workloads, in world order. */
  readonly pods: readonly string[];
  readonly ports: readonly EndpointPort[];
  /** Whether a policy selects its pods for ingress, and for egress. */
  readonly ingressIsolated: boolean;
  readonly egressIsolated: boolean;
}

/**
 * The reachability matrix of the workspace: rows are the classes, columns each class's ports in
 * class order; bit `row * columns + column` of `cells` (base64, least significant bit first) is
 * set when the connection is allowed.
 */
export interface ReachabilityResult {
  readonly version: number;
  readonly unchanged?: false;
  readonly dataplane: string;
  readonly classes: readonly ReachabilityClass[];
  readonly columns: number;
  readonly cells: string;
  readonly allowedPodPairs: number;
  readonly deniedPodPairs: number;
}

/** Computes the workspace's reachability matrix, or says the client's version is current. */
export const reachabilityRequest = new RequestType<
  ReachabilityParams,
  ReachabilityResult | { readonly version: number; readonly unchanged: true } | null,
  void
>('netpol/reachability');

/** Parameters of `netpol/reachabilityCell`: a cell of the matrix of `version`. */
export interface ReachabilityCellParams {
  readonly version: number;
  readonly row: number;
  readonly column: number;
}

/** A place in a file the explanation refers to: a rule that admits, or a policy that isolates. */
export interface ReachabilityLink {
  readonly label: string;
  readonly uri: string;
  readonly range: {
    readonly start: { readonly line: number; readonly character: number };
    readonly end: { readonly line: number; readonly character: number };
  };
}

/** The verdict of a cell for its first pods: one line, the full explanation, and its places. */
export interface ReachabilityCellResult {
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly protocol: string;
  readonly allowed: boolean;
  readonly summary: string;
  readonly explanation: string;
  readonly links: readonly ReachabilityLink[];
}

/** Explains one cell; null when the matrix of `version` is no longer the workspace's. */
export const reachabilityCellRequest = new RequestType<
  ReachabilityCellParams,
  ReachabilityCellResult | null,
  void
>('netpol/reachabilityCell');
/** Parameters of `netpol/explainRecords`: a file of real policy-action records. */
export interface ExplainRecordsParams {
  readonly uri: string;
  /** The editor's version of the file: the server keeps what it read of the text it was sent. */
  readonly version?: number;
  /**
   * The file's text. Left out, the server reads the records it kept from the text of this
   * `version`, and answers `text-needed` when it has none (it restarted, or kept another file).
   */
  readonly text?: string;
}

/** A range in 0-based line/character positions (an LSP `Range`). */
export interface LineRange {
  readonly start: { readonly line: number; readonly character: number };
  readonly end: { readonly line: number; readonly character: number };
}

/** A problem of a records file, as an LSP diagnostic says it. */
export interface RecordDiagnostic {
  readonly range: LineRange;
  readonly severity: 'error' | 'warning' | 'information';
  readonly code: string;
  readonly message: string;
}

/** One record: where it is, the workspace's decision, and the flow a SampleFlows entry makes of it. */
export interface RecordSummary {
  readonly range: LineRange;
  readonly decision: 'allow' | 'deny' | 'unknown';
  readonly agrees: boolean | null;
  /**
   * Whether the workspace now allows the record's whole connection (both sides, where
   * `decision` is the record's side alone); null when undecided.
   */
  readonly allowed: boolean | null;
  /** Null when an endpoint is not in the workspace or the protocol is not TCP or UDP. */
  readonly flow: SampleFlow | null;
}

/** The answer of `netpol/explainRecords`. */
export type ExplainRecordsResult =
  | {
      readonly ok: true;
      readonly diagnostics: readonly RecordDiagnostic[];
      readonly records: readonly RecordSummary[];
      /** `3 records: 2 agree, 1 disagree, 0 undecided` */
      readonly summary: string;
    }
  | { readonly ok: false; readonly message: string; readonly code?: 'text-needed' };

/** Reads real records against the workspace as the server sees it now. */
export const explainRecordsRequest = new RequestType<
  ExplainRecordsParams,
  ExplainRecordsResult,
  void
>('netpol/explainRecords');

/** The base version of one workspace file: its text, or null when the base has no such file. */
export interface ImpactBase {
  readonly uri: string;
  readonly text: string | null;
}

/**
 * Parameters of `netpol/impact`: the base version of each file that differs from the workspace
 * as edited (the git HEAD version, or the saved text); every other file is the same in both.
 */
export interface ImpactParams {
  readonly bases: readonly ImpactBase[];
  /** What the base is, for the report's title ("git HEAD", "the saved files"). */
  readonly baseName: string;
}

/** What the edits open and close: the counts, and the report as `netpol-lens diff` writes it. */
export interface ImpactResult {
  readonly opened: number;
  readonly closed: number;
  readonly flows: number;
  readonly text: string;
}

/** Compares the workspace as edited with a base version of some of its files. */
export const impactRequest = new RequestType<ImpactParams, ImpactResult, void>('netpol/impact');
