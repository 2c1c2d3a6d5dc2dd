// Everything an editor asks of an analysis, reached from the facade as `ide.*`: each function
// reads an analysis (or a world) and never builds one.

// What is at a place in a file.
export { describeAt } from './describe-at';
export { selectorAt } from './query/selector-at';
export type { SelectorAt } from './query/selector-at';
export { clusterSelectionAt, subjectPods } from './query/cluster-selection-at';
export { workloadAt } from './query/workload-at';
export { duplicatesUsedBy } from '../workspace-checks/duplicates';

// Navigation and the shape of a file.
export { definitionAt } from './query/definition-at';
export { MAX_DEFINITIONS, selectionDefinitionAt } from './query/selection-definition-at';
export { outlineFile } from './query/outline';
export type { OutlineItem } from './query/outline';
export { lensesMayDiffer, lensesOf, podsSelectedBy } from './query/lenses';
export type { Lens } from './query/lenses';
export { referenceTo, shortReference } from '../flows/resolve-endpoint';
export { podAt } from './query/pod-at';

// Writing: completion and edits.
export { complete } from './complete/complete';
export type { Completion, CompletionKind } from './complete/completion';
export { refactorPeersAt } from './fix/peers';
export { allowFlow, allowFlowFiles, describeAllowFlowFix } from './fix/allow-flow';
export { appendFlow } from './fix/append-flow';
export type { AllowFlowFix, FlowToAllow } from './fix/allow-flow';

// Flows: one simulated, all of them as a map, and what a change of policies did to them.
export { simulateFlow } from './simulate';
export type { SimulateRequest, Simulation } from './simulate';
export { computeReachability } from '../matrix/compute-reachability';
export type { Reachability } from '../matrix/compute-reachability';
export { toReachabilityGrid } from '../matrix/reachability-grid';
export { diffReachability } from './diff/diff-reachability';
export type { FlowChange, ReachabilityChange, ReachabilityDiff } from './diff/types';
export { diffPairs } from './diff/diff-pairs';
export type { ChangedPair } from './diff/diff-pairs';

// GKE logs: the query that finds a flow's records, and real records read against the policies.
export { flowQuery, policyQuery } from '../logs/query';
export type { LoggingTarget } from '../logs/query';
export { explainReadRecords, explainRecords } from '../logs/read/explain-records';
export type { ExplainedRecord, RecordsExplanation } from '../logs/read/explain-records';
export { readRecords } from '../logs/read/read-records';
export type { RecordProblem, RecordsRead } from '../logs/read/read-records';

// Hovers, in markdown: the features give them a range and send them.
export { renderClusterSelectionHover, renderSelectorHover } from './hover/selection';
export { renderFieldHover, renderFlowHover } from './hover/flow';
export { renderWorkloadHover } from './hover/workload';
export type { PolicyPlace } from './hover/workload';
