import { locateOrigin } from '../engine';
import type { WorkspaceAnalysis } from '../engine';
import { endpointAtRequest, endpointsRequest } from '../protocol';
import type { Endpoint, EndpointsResult } from '../protocol';
import { runSafe } from '../run-safe';
import type { FeatureContext } from './context';

type World = WorkspaceAnalysis['world'];
type Pod = World['pods'][number];

/** `netpol/endpoints` and `netpol/endpointAt`: the world's pods, for pickers and presets. */
export function registerEndpoints({ connection, documents, workspace }: FeatureContext): void {
  connection.onRequest(endpointsRequest, () =>
    runSafe<EndpointsResult>(connection, 'endpoints', { namespaces: [] }, () =>
      listEndpoints(workspace.analysis()),
    ),
  );
  connection.onRequest(endpointAtRequest, (params) =>
    runSafe(connection, 'endpoint at', null, () => {
      const document = documents.get(params.uri);
      const analysis = workspace.analysis();
      return document === undefined || analysis === undefined
        ? null
        : findEndpointAt(analysis, params.uri, document.offsetAt(params.position));
    }),
  );
}

/** Every pod and workload of the world, grouped by namespace, both sorted by name. */
export function listEndpoints(analysis: WorkspaceAnalysis | undefined): EndpointsResult {
  if (analysis === undefined) {
    return { namespaces: [] };
  }
  const { world } = analysis;
  const names = [...world.namespaces.keys()].sort();
  return {
    namespaces: names
      .map((name) => ({
        name,
        endpoints: (world.podsByNamespace.get(name) ?? []).map((pod) => toEndpoint(world, pod)),
      }))
      .filter((group) => group.endpoints.length > 0),
  };
}

/** The pod or workload whose object contains `offset` in the file `uri`. */
export function findEndpointAt(
  analysis: WorkspaceAnalysis,
  uri: string,
  offset: number,
): Endpoint | null {
  const pod = analysis.world.pods.find((candidate) => {
    if (candidate.origin.uri !== uri) {
      return false;
    }
    const span = locateOrigin(analysis.file, candidate.origin);
    return span !== undefined && span.start <= offset && offset <= span.end;
  });
  return pod === undefined ? null : toEndpoint(analysis.world, pod);
}

function toEndpoint(world: World, pod: Pod): Endpoint {
  return {
    ref: referenceOf(world, pod),
    namespace: pod.namespace,
    name: pod.name,
    kind: pod.workload?.kind ?? 'Pod',
    ip: pod.ip,
    ports: pod.ports.map((port) => ({
      ...(port.name === undefined ? {} : { name: port.name }),
      port: port.containerPort,
      protocol: port.protocol,
    })),
  };
}

// `namespace/name` names the Pod of that name before any workload (docs/design.md §5), so a workload
// that shares its name with another pod of its namespace needs the explicit kind.
function referenceOf(world: World, pod: Pod): string {
  const short = `${pod.namespace}/${pod.name}`;
  if (pod.workload === undefined) {
    return short;
  }
  const namesakes = (world.podsByNamespace.get(pod.namespace) ?? []).filter(
    (other) => other.name === pod.name,
  );
  return namesakes.length > 1
    ? `${pod.namespace}/${pod.workload.kind.toLowerCase()}/${pod.workload.name}`
    : short;
}
