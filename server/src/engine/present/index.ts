export {
  expectationFailed,
  logExpectationFailed,
  summarizeDirection,
  summarizeVerdict,
} from './summarize';
export { describeDuplicates, explainVerdict, explainDirection } from './explain';
export {
  describeClusterRule,
  describeEndpoint,
  describeFlow,
  describeNote,
  describePolicy,
  describeRule,
} from './describe';
export { renderLogMarkdown, renderLogPreview } from './logs';
export { renderLogDocument } from './logs-document';
export { describeFlowChanges, describePort, summarizeDiffCounts } from './diff';
export { explainRecord, summarizeRecords } from './records';
export { clusterPolicyLensTitle, flowLensTitle, policyLensTitle } from './lenses';
export { plural } from './plural';
