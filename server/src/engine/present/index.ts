export { summarizeVerdict, summarizeDirection } from './summarize';
export { explainVerdict, explainDirection } from './explain';
export {
  describeEndpoint,
  describeFlow,
  describeNote,
  describePolicy,
  describeRule,
} from './describe';
