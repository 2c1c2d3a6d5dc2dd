export { analyzeFile, DEFAULT_MAX_FILE_SIZE } from './analyze-file';
export type {
  FileAnalysis,
  FileOptions,
  DocumentAnalysis,
  PlacedDocument,
  TextChange,
} from './analyze-file';
export { analyzeWorkspace, fileProblems } from './analyze-workspace';
export type { FlowAnalysis, WorkspaceAnalysis, WorkspaceOptions } from './analyze-workspace';
export { describeAt } from './describe-at';
export type { FieldDescription } from './describe-at';
export { locateOrigin } from './locate-origin';
export { resolveFlow } from './evaluate-workspace';
export type { Dataplane, DirectionVerdict, Flow, Protocol, Verdict } from './evaluate-workspace';
export { flowQuery, policyQuery, previewLogs } from './logs';
export type { LoggingQuery, LoggingTarget, LogPreview, LogPreviewEntry } from './logs';
export { explainVerdict, summarizeVerdict } from './present';
export { renderLogMarkdown, renderLogPreview } from './present/logs';
export { renderLogDocument } from './present/logs-document';
export type { Problem, Severity } from './problem';
export type { Span } from './span';
export { simulateFlow } from './simulate';
export type { SimulateRequest, Simulation } from './simulate';
export { selectorAt } from './query/selector-at';
export type { SelectorAt } from './query/selector-at';
export type { MatchedNamespace, MatchedPod, SelectorTarget } from './query/select-pods';
export { workloadAt } from './query/workload-at';
export type { PodIsolation, WorkloadAt } from './query/workload-at';
export { lensesOf, podsSelectedBy } from './query/lenses';
export type { Lens } from './query/lenses';
export { outlineFile } from './query/outline';
export type { OutlineItem } from './query/outline';
export { definitionAt } from './query/definition-at';
export type { DefinitionAt } from './query/definition-at';
export { summarizeDirection } from './present/summarize';
export { shortReference } from './flows/resolve-endpoint';
export type { Pod } from './world/types';
export type { NetworkPolicy } from './model/types';
export { complete } from './complete/complete';
export type { Completion, CompletionKind } from './complete/completion';
export { refactorPeersAt } from './fix/peers';
export type { Refactoring } from './fix/peers';
export type { Edit, Fix } from './problem';
export { ALL_RULES } from './rules';
export type { RuleSummary } from './rules';
export { computeReachability } from './matrix/compute-reachability';
export type { Reachability, ReachabilityOptions } from './matrix/compute-reachability';
