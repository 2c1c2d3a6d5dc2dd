// The engine's facade: what the language server, the CLI and the tests may use. Plain readonly
// data crosses it; what the host keeps between versions stays behind `AnalysisHost`.

// The analysis: a file's, the workspace's from scratch, and the host that keeps one up to date.
export { analyzeFile, DEFAULT_MAX_FILE_SIZE } from './analysis/analyze-file';
export type { FileAnalysis } from './analysis/analyze-file';
export { analyzeWorkspace } from './analysis/analyze-workspace';
export type { FlowAnalysis, WorkspaceAnalysis } from './analysis/analyze-workspace';
export { analyzeVariant } from './analysis/analyze-variant';
export { createAnalysisHost } from './incremental/analysis-host';
export type { AnalysisHost } from './incremental/analysis-host';
export type { TextChange } from './incremental/update-file';
export { fileProblems } from './check/under-dataplane';
export { clampMaxFileSize, MAX_FILE_SIZE_CEILING } from './core/limits';
export { ALL_RULES } from './rules';

// The data an analysis holds.
export type { Edit, Problem } from './core/problem';
export type { Span } from './core/span';
export { locateOrigin } from './core/locate-origin';
export type { Origin } from './core/source';
export type { NetworkPolicy } from './model/types';
export type { ClusterPolicy } from './model/cluster-policy';
export type { Pod } from './world/types';
export { GKE_KUBE_DNS } from './world/cluster-dns';
export type { ClusterDns } from './world/cluster-dns';
export type { Duplicates } from './workspace-checks/duplicates';
export type { TierPolicies } from './evaluate/tier-selection';
export type {
  ClusterRuleMatch,
  Dataplane,
  DirectionVerdict,
  Flow,
  Protocol,
  TierTrace,
  Verdict,
} from './analysis/evaluate-workspace';
export type { LogPreview } from './logs';

// Reading an analysis: the editor's queries (`ide.selectorAt`, ...) and the English that
// describes verdicts, policies and records (`present.explainVerdict`, ...).
export * as ide from './ide';
export * as present from './present';
