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
