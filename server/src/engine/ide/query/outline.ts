import type { FileAnalysis } from '../../analysis/analyze-file';
import { classify, isClusterPolicyKind } from '../../core/classify';
import type { ClusterPolicyKind, KnownKind } from '../../core/classify';
import type { Direction } from '../../evaluate/verdict';
import { readSampleFlows } from '../../flows/read-flows';
import { buildClusterPolicy } from '../../model/build-cluster-policy';
import type { ClusterTier } from '../../model/cluster-policy';
import { buildPolicy } from '../../model/build-policy';
import { readArray, readMetadata, readRecord, readString } from '../../model/read';
import type { PlacedObject } from '../../core/source';
import type { Span } from '../../core/span';

interface Spans {
  /** Absolute span of the whole item. */
  readonly span: Span;
  /** Absolute span of what names it (inside `span`). */
  readonly nameSpan: Span;
}

/** One entry of a file's outline. Names are data; the adapter writes the words around them. */
export type OutlineItem = Spans &
  (
    | {
        readonly kind: 'policy';
        readonly name: string;
        readonly namespace: string;
        readonly children: readonly OutlineItem[];
      }
    | {
        readonly kind: 'rule';
        readonly direction: Direction;
        readonly index: number;
        /** `null` when the rule has no peers: it admits every peer. */
        readonly peers: number | null;
        readonly ports: number;
      }
    | {
        readonly kind: 'cluster-policy';
        readonly policyKind: ClusterPolicyKind;
        readonly name: string;
        readonly tier: ClusterTier;
        /** As written; `null` when absent or not an integer (a BaselineAdminNetworkPolicy has none). */
        readonly priority: number | null;
        readonly children: readonly OutlineItem[];
      }
    | {
        readonly kind: 'cluster-rule';
        readonly direction: Direction;
        readonly index: number;
        /** The rule's `name`, `null` when it has none. */
        readonly name: string | null;
        /** As written (v1alpha1 says `Allow` where v1alpha2 says `Accept`); `null` when absent. */
        readonly action: string | null;
      }
    | {
        readonly kind: 'sample-flows';
        readonly name: string;
        readonly children: readonly OutlineItem[];
      }
    | {
        readonly kind: 'flow';
        readonly name: string | null;
        readonly from: string;
        readonly to: string;
        readonly port: number | string;
        readonly protocol: string;
      }
    | {
        readonly kind: 'object';
        readonly objectKind: KnownKind;
        readonly name: string;
        readonly namespace: string;
      }
  );

/** The outline of one file: its policies with their rules, its flows, and its other objects. */
export function outlineFile(file: FileAnalysis): OutlineItem[] {
  return file.objects.flatMap((object): OutlineItem[] => {
    const kind = classify(object.apiVersion, object.kind);
    if (kind === undefined) {
      return [];
    }
    const spans = objectSpans(object);
    const { name, namespace } = readMetadata(object.value);
    if (kind === 'NetworkPolicy') {
      return [{ kind: 'policy', ...spans, name, namespace, children: ruleItems(object) }];
    }
    if (kind === 'SampleFlows') {
      return [{ kind: 'sample-flows', ...spans, name, children: flowItems(object) }];
    }
    if (isClusterPolicyKind(kind)) {
      return [clusterPolicyItem(object, kind, spans)];
    }
    return [{ kind: 'object', ...spans, objectKind: kind, name, namespace }];
  });
}

function ruleItems(object: PlacedObject): OutlineItem[] {
  const policy = buildPolicy(object);
  const directions: readonly Direction[] = ['ingress', 'egress'];
  return directions.flatMap((direction) =>
    policy[direction].map((rule, index): OutlineItem => {
      const path = ['spec', direction, index];
      const span = absolute(object, path);
      const peersKey = direction === 'ingress' ? 'from' : 'to';
      const nameSpan = rule.peers === null ? span : absolute(object, [...path, peersKey], 'key');
      const peers = rule.peers === null ? null : rule.peers.length;
      return { kind: 'rule', span, nameSpan, direction, index, peers, ports: rule.ports.length };
    }),
  );
}

function clusterPolicyItem(
  object: PlacedObject,
  kind: ClusterPolicyKind,
  spans: Spans,
): OutlineItem {
  const policy = buildClusterPolicy(object, kind);
  const spec = readRecord(object.value['spec']);
  // The model gives a missing priority a place in the order; the outline shows what is written.
  const written = spec['priority'];
  const priority = typeof written === 'number' && Number.isInteger(written) ? written : null;
  const directions: readonly Direction[] = ['ingress', 'egress'];
  const children = directions.flatMap((direction) =>
    readArray(spec[direction]).map((value, index): OutlineItem => {
      const rule = readRecord(value);
      const path = ['spec', direction, index];
      const span = absolute(object, path);
      const name = readString(rule['name']) ?? null;
      const nameSpan = name === null ? span : absolute(object, [...path, 'name']);
      const action = readString(rule['action']) ?? null;
      return { kind: 'cluster-rule', span, nameSpan, direction, index, name, action };
    }),
  );
  const { name, tier } = policy;
  return { kind: 'cluster-policy', ...spans, policyKind: kind, name, tier, priority, children };
}

function flowItems(object: PlacedObject): OutlineItem[] {
  return readSampleFlows(object).map((flow): OutlineItem => {
    const { from, to, port, protocol, name } = flow;
    const nameSpan = name === null ? flow.spans.from : absoluteOf(object, flow.origin.path, 'name');
    return { kind: 'flow', span: flow.span, nameSpan, name, from, to, port, protocol };
  });
}

function objectSpans(object: PlacedObject): Spans {
  const span = absolute(object, []);
  const nameSpan = absolute(object, ['metadata', 'name']);
  return { span, nameSpan: nameSpan.start >= span.start ? nameSpan : span };
}

function absolute(
  object: PlacedObject,
  path: (string | number)[],
  part: 'key' | 'value' = 'value',
): Span {
  const local = object.locate(path, part);
  return { start: local.start + object.offset, end: local.end + object.offset };
}

// A flow's origin path starts at the document root; `locate` is relative to the object.
function absoluteOf(
  object: PlacedObject,
  documentPath: readonly (string | number)[],
  key: string,
): Span {
  return absolute(object, [...documentPath.slice(object.path.length), key]);
}
