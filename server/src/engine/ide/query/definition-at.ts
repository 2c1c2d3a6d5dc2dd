import type { WorkspaceAnalysis } from '../../analysis/analyze-workspace';
import { resolveEndpoint } from '../../flows/resolve-endpoint';
import { readArray, readRecord, readString } from '../../model/read';
import { locateOrigin } from '../../core/locate-origin';
import type { Span } from '../../core/span';
import type { Pod } from '../../world/types';
import { objectAt, spanIn } from './object-at';

/** A SampleFlows endpoint reference and the object it names. */
export interface DefinitionAt {
  /** Absolute span of the reference (the `from` or `to` value). */
  readonly span: Span;
  readonly pod: Pod;
  readonly target: { readonly uri: string; readonly span: Span };
}

/** From a flow's `from`/`to` value at `offset` to the Pod or workload it names. */
export function definitionAt(
  analysis: WorkspaceAnalysis,
  uri: string,
  offset: number,
): DefinitionAt | undefined {
  const file = analysis.file(uri);
  const at = file && objectAt(file, offset);
  if (at === undefined || at.kind !== 'SampleFlows') {
    return undefined;
  }
  const [spec, flows, index, field] = at.path;
  if (spec !== 'spec' || flows !== 'flows' || typeof index !== 'number') {
    return undefined;
  }
  if (field !== 'from' && field !== 'to') {
    return undefined;
  }
  const flow = readRecord(readArray(readRecord(at.object.value['spec'])['flows'])[index]);
  const reference = readString(flow[field]);
  const endpoint = reference === undefined ? undefined : resolveEndpoint(analysis.world, reference);
  if (endpoint?.kind !== 'pod') {
    return undefined;
  }
  const pod = endpoint.pod;
  const target = locateOrigin(analysis.file, pod.origin, ['metadata', 'name']);
  if (target === undefined) {
    return undefined;
  }
  return {
    span: spanIn(at, at.path),
    pod,
    target: { uri: pod.origin.uri, span: target },
  };
}
