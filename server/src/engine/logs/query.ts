import type { Endpoint, Flow } from '../evaluate/verdict';
import { endpointIp, toRecordIp } from './endpoint';
import { podNamePattern } from './pod-names';
import { toRecordProtocol } from './preview';

/** Where the cluster's logs are: settings `netpol.gcp.*`, placeholders when unset. */
export interface LoggingTarget {
  readonly project?: string;
  readonly cluster?: string;
  readonly location?: string;
}

/** A Cloud Logging query for `policy-action` records, in the three forms a user can run it. */
export interface LoggingQuery {
  /** The filter, in the Logging query language. */
  readonly filter: string;
  /** `gcloud logging read --project P 'FILTER' --format=json`, ready for a POSIX shell. */
  readonly command: string;
  /** The filter opened in the Logs Explorer of the project. */
  readonly url: string;
}

export const PLACEHOLDER_PROJECT = 'PROJECT_ID';
export const PLACEHOLDER_CLUSTER = 'CLUSTER_NAME';
export const PLACEHOLDER_LOCATION = 'LOCATION';

/**
 * The records of one flow, on either side and of either disposition. GKE writes the log of
 * every node as `projects/P/logs/policy-action` of a `k8s_node` resource, with the record under
 * `jsonPayload` and the fields nested as in the node file
 * (https://cloud.google.com/kubernetes-engine/docs/how-to/network-policy-logging).
 */
export function flowQuery(flow: Flow, target: LoggingTarget = {}): LoggingQuery {
  const terms = [
    ...endpointTerms('src', flow.source),
    ...endpointTerms('dest', flow.destination),
    ...connectionTerms(flow),
  ];
  return toLoggingQuery(terms, target);
}

/** The allow records that name a policy: only allow records list policies. */
export function policyQuery(
  policy: { readonly kind: string; readonly namespace?: string; readonly name: string },
  target: LoggingTarget = {},
): LoggingQuery {
  const terms = [
    `jsonPayload.disposition="allow"`,
    `jsonPayload.policies.kind=${quote(policy.kind)}`,
    `jsonPayload.policies.name=${quote(policy.name)}`,
  ];
  if (policy.namespace !== undefined) {
    terms.push(`jsonPayload.policies.namespace=${quote(policy.namespace)}`);
  }
  return toLoggingQuery(terms, target);
}

function toLoggingQuery(terms: readonly string[], target: LoggingTarget): LoggingQuery {
  const project = target.project || PLACEHOLDER_PROJECT;
  const filter = [
    `resource.type="k8s_node"`,
    `resource.labels.location=${quote(target.location || PLACEHOLDER_LOCATION)}`,
    `resource.labels.cluster_name=${quote(target.cluster || PLACEHOLDER_CLUSTER)}`,
    `logName=${quote(`projects/${project}/logs/policy-action`)}`,
    ...terms,
  ].join(' ');
  return {
    filter,
    // Single quotes: the filter holds double quotes, and `$` of a pattern must stay as it is.
    command: `gcloud logging read --project ${shellQuote(project)} ${shellQuote(filter)} --format=json`,
    url:
      `https://console.cloud.google.com/logs/query;query=${encodeUrlPart(filter)}` +
      `?project=${encodeUrlPart(project)}`,
  };
}

type Side = 'src' | 'dest';

/**
 * A pod by namespace and name; a workload's pods by the workload fields, which Hubble writes
 * only for a pod on the logging node, or else by the names the controller gives its pods;
 * anything else (outside the cluster, or a host-network pod) by its address.
 */
function endpointTerms(side: Side, endpoint: Endpoint): readonly string[] {
  const field = `jsonPayload.${side}`;
  if (endpoint.kind === 'external' || endpoint.pod.hostNetwork) {
    return [`${field}.instance=${quote(toRecordIp(endpointIp(endpoint)))}`];
  }
  const pod = endpoint.pod;
  const namespace = `${field}.pod_namespace=${quote(pod.namespace)}`;
  if (pod.workload === undefined) {
    return [namespace, `${field}.pod_name=${quote(pod.name)}`];
  }
  const { kind, name } = pod.workload;
  // The logging query language binds OR tighter than AND: every group is spelt out.
  const byWorkload = `(${field}.workload_kind=${quote(kind)} AND ${field}.workload_name=${quote(name)})`;
  const byPodName = `${field}.pod_name=~${quote(podNamePattern(kind, name))}`;
  return [namespace, `(${byWorkload} OR ${byPodName})`];
}

function connectionTerms(flow: Flow): readonly string[] {
  const protocol = toRecordProtocol(flow.protocol);
  const terms = [`jsonPayload.connection.protocol=${quote(protocol)}`];
  // anetd writes ports only for TCP and UDP, and as numbers.
  if (protocol !== 'unknown' && flow.port !== 0) {
    terms.push(`jsonPayload.connection.dest_port=${flow.port}`);
  }
  return terms;
}

function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function shellQuote(text: string): string {
  return /^[A-Za-z0-9_.:/@%+=-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

function encodeUrlPart(text: string): string {
  // Parentheses too, so the link survives inside a Markdown link.
  return encodeURIComponent(text).replace(/\(/g, '%28').replace(/\)/g, '%29');
}
