import { RULES } from './check';
import type { Severity } from './core/problem';
import { RECORD_RULES } from './logs/read/rules';

/** One kind of problem the engine reports, for documentation and tests. */
export interface RuleSummary {
  readonly code: string;
  readonly severity: Severity;
  readonly summary: string;
  /** Where the rule lives: one document, or the workspace as a whole. */
  readonly scope: 'file' | 'document' | 'workspace';
}

/** Problems that need the file, or the whole workspace, rather than one object. */
const WORKSPACE_RULES: readonly RuleSummary[] = [
  {
    code: 'file-too-large',
    severity: 'warning',
    scope: 'file',
    summary: 'The file is larger than netpol.maxFileSize and is not analysed.',
  },
  {
    code: 'invalid-encoding',
    severity: 'error',
    scope: 'file',
    summary: 'The file is not valid UTF-8 and is not analysed.',
  },
  {
    code: 'alias-limit',
    severity: 'error',
    scope: 'document',
    summary:
      'A document expands too many YAML aliases (a "billion laughs" document) and is not analysed.',
  },
  {
    code: 'template-skipped',
    severity: 'information',
    scope: 'document',
    summary:
      'A document with template syntax ({{ }} outside comments and strings) is not valid YAML until rendered, and is skipped.',
  },
  {
    code: 'document-too-large',
    severity: 'warning',
    scope: 'document',
    summary:
      'A document holds more than 200,000 entries (lines and flow items) and is not analysed.',
  },
  {
    code: 'too-many-documents',
    severity: 'warning',
    scope: 'file',
    summary: 'A file holds more than 20,000 documents and is not analysed.',
  },
  {
    code: 'too-many-problems',
    severity: 'warning',
    scope: 'file',
    summary:
      'A file has more than 500 problems: the 500 most severe are shown (errors first), the rest counted in one problem, as severe as the worst of them.',
  },
  {
    code: 'too-deeply-nested',
    severity: 'error',
    scope: 'document',
    summary:
      'A document nests more than 256 levels deep (block and flow, counted from its text) and is not analysed.',
  },
  {
    code: 'unknown-endpoint',
    severity: 'error',
    scope: 'workspace',
    summary:
      'A flow names a pod, workload or namespace the workspace does not have; the nearest names are suggested.',
  },
  {
    code: 'ambiguous-endpoint',
    severity: 'error',
    scope: 'workspace',
    summary: 'A flow reference names more than one endpoint; namespace/kind/name picks one.',
  },
  {
    code: 'unknown-named-port',
    severity: 'error',
    scope: 'workspace',
    summary: 'A flow names a port the destination does not define for that protocol.',
  },
  {
    code: 'named-port-external',
    severity: 'error',
    scope: 'workspace',
    summary: 'A flow names a port of an endpoint outside the cluster, which has no named ports.',
  },
  {
    code: 'flow-verdict',
    severity: 'information',
    scope: 'workspace',
    summary:
      'The verdict of a sample flow, with the short explanation (netpol.flowVerdictSeverity).',
  },
  {
    code: 'flow-expectation-failed',
    severity: 'error',
    scope: 'workspace',
    summary: "A flow's verdict differs from its expect.",
  },
  {
    code: 'flow-log-expectation-failed',
    severity: 'error',
    scope: 'workspace',
    summary: "A flow's log preview differs from its expectLogged.",
  },
  {
    code: 'selects-nothing',
    severity: 'warning',
    scope: 'workspace',
    summary: 'A selector matches no pod of the workspace in its scope.',
  },
  {
    code: 'egress-blocks-dns',
    severity: 'warning',
    scope: 'workspace',
    summary: 'A policy isolates egress for pods whose DNS lookups to kube-dns nothing allows.',
  },
  {
    code: 'duplicate-object',
    severity: 'warning',
    scope: 'workspace',
    summary:
      'Two objects share their kind, namespace and name; a cluster keeps only one. Each names the other, and flow explanations that used one say so.',
  },
  {
    code: 'dataplane-v2-host-network',
    severity: 'warning',
    scope: 'workspace',
    summary:
      'Every pod a policy selects uses the host network, and GKE Dataplane V2 applies no policy to such pods, so the policy does nothing (profile gke-dataplane-v2).',
  },
  {
    code: 'dataplane-v2-cluster-policy',
    severity: 'warning',
    scope: 'workspace',
    summary:
      'GKE documents no support for ClusterNetworkPolicy, AdminNetworkPolicy or BaselineAdminNetworkPolicy; said once per workspace, on the first such policy, with how many it holds, and verdicts evaluate them by the upstream semantics (profile gke-dataplane-v2).',
  },
  {
    code: 'unmatched-named-port',
    severity: 'warning',
    scope: 'workspace',
    summary:
      'A rule names a port that no destination pod it can reach defines for that protocol, so the port never matches.',
  },
];

/** Every rule: the per-object checks, then the file and workspace ones. YAML syntax errors come on top, coded after `yaml`'s own codes (`bad-indent`, `duplicate-key`...). */
export const ALL_RULES: readonly RuleSummary[] = [
  ...RULES.map((rule): RuleSummary => ({ ...rule, scope: 'document' })),
  ...WORKSPACE_RULES,
  ...RECORD_RULES.map((rule): RuleSummary => ({ ...rule, scope: 'file' })),
];
