import { ide } from '../engine';
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
  const pod = ide.podAt(analysis, uri, offset);
  return pod === undefined ? null : toEndpoint(analysis.world, pod);
}

function toEndpoint(world: World, pod: Pod): Endpoint {
  return {
    ref: ide.referenceTo(world, pod),
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
