export { analyzeFile, DEFAULT_MAX_FILE_SIZE } from './analysis/analyze-file';
export { clampMaxFileSize, MAX_FILE_SIZE_CEILING } from './core/limits';
export type { FileAnalysis } from './analysis/analyze-file';
export { analyzeWorkspace } from './analysis/analyze-workspace';
export { analyzeVariant } from './analysis/analyze-variant';
export { fileProblems } from './check/under-dataplane';
export { createAnalysisHost } from './incremental/analysis-host';
export type { AnalysisHost } from './incremental/analysis-host';
export type { TextChange } from './incremental/update-file';
export type { FlowAnalysis, WorkspaceAnalysis } from './analysis/analyze-workspace';
export { describeAt } from './ide/describe-at';
export type { FieldDescription } from './ide/describe-at';
export { locateOrigin } from './core/locate-origin';
export type {
  ClusterRuleMatch,
  Dataplane,
  DirectionVerdict,
  Flow,
  Protocol,
  TierTrace,
  Verdict,
} from './analysis/evaluate-workspace';
export { flowQuery, policyQuery } from './logs';
export type { LoggingQuery, LoggingTarget, LogPreview } from './logs';
export {
  describeClusterRule,
  describeDuplicates,
  describePolicy,
  describeRule,
  explainVerdict,
  summarizeVerdict,
} from './present';
export { duplicatesUsedBy } from './workspace-checks/duplicates';
export type { Duplicates } from './workspace-checks/duplicates';
export { GKE_KUBE_DNS } from './world/cluster-dns';
export type { ClusterDns } from './world/cluster-dns';
export { renderLogMarkdown, renderLogPreview } from './present/logs';
export { renderLogDocument } from './present/logs-document';
export type { Problem } from './core/problem';
export type { Span } from './core/span';
export { simulateFlow } from './ide/simulate';
export type { SimulateRequest, Simulation } from './ide/simulate';
export { selectorAt } from './ide/query/selector-at';
export type { SelectorAt } from './ide/query/selector-at';
export type { MatchedNamespace, MatchedPod } from './evaluate/select-pods';
export { workloadAt } from './ide/query/workload-at';
export type { PodIsolation } from './ide/query/workload-at';
export { lensesOf, podsSelectedBy } from './ide/query/lenses';
export { clusterSelectionAt, subjectPods } from './ide/query/cluster-selection-at';
export type { ClusterSelectionAt } from './ide/query/cluster-selection-at';
export type { ClusterPolicy } from './model/cluster-policy';
export type { TierPolicies } from './evaluate/tier-selection';
export type { Lens } from './ide/query/lenses';
export { outlineFile } from './ide/query/outline';
export type { OutlineItem } from './ide/query/outline';
export { definitionAt } from './ide/query/definition-at';
export { MAX_DEFINITIONS, selectionDefinitionAt } from './ide/query/selection-definition-at';
export { summarizeDirection } from './present/summarize';
export { shortReference } from './flows/resolve-endpoint';
export type { Pod } from './world/types';
export type { NetworkPolicy } from './model/types';
export { complete } from './ide/complete/complete';
export type { Completion, CompletionKind } from './ide/complete/completion';
export { refactorPeersAt } from './ide/fix/peers';
export { allowFlow, allowFlowFiles } from './ide/fix/allow-flow';
export type { AllowFlowFix, FlowToAllow } from './ide/fix/allow-flow';
export type { Edit } from './core/problem';
export { ALL_RULES } from './rules';
export { computeReachability } from './matrix/compute-reachability';
export { toReachabilityGrid } from './matrix/reachability-grid';
export type { Reachability } from './matrix/compute-reachability';
export { diffReachability } from './ide/diff/diff-reachability';
export type {
  FlowChange,
  ReachabilityChange,
  ReachabilityDiff,
} from './ide/diff/diff-reachability';
export { diffPairs } from './ide/diff/diff-pairs';
export type { ChangedPair } from './ide/diff/diff-pairs';
export { describeFlowChanges, describePort, summarizeDiffCounts } from './present/diff';
export { explainRecords } from './logs/read/explain-records';
export type { ExplainedRecord, RecordsExplanation } from './logs/read/explain-records';
export type { RecordProblem } from './logs/read/read-records';
export { explainRecord } from './present/records';
