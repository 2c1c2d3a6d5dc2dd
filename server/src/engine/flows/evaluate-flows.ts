import type { Flow } from './types';
import type { PlacedProblem } from '../core/source';
import type { World } from '../world/types';
import { resolveEndpoint } from './resolve-endpoint';
import { resolvePort } from './resolve-port';
import type { SampleFlow } from './types';
import { unresolvedFlow } from '../check/unresolved-flow';

/** The flow a sample names, or the problems that keep it from naming one. */
export function toFlow(
  sample: SampleFlow,
  world: World,
): { flow: Flow } | { problems: PlacedProblem[] } {
  const source = resolveEndpoint(world, sample.from);
  const destination = resolveEndpoint(world, sample.to);
  const problems: PlacedProblem[] = [];
  if (source.kind === 'unresolved') {
    problems.push(unresolvedFlow(sample.uri, source.code, source.message, sample.spans.from));
  }
  if (destination.kind === 'unresolved') {
    problems.push(
      unresolvedFlow(sample.uri, destination.code, destination.message, sample.spans.to),
    );
  }
  if (source.kind === 'unresolved' || destination.kind === 'unresolved') {
    return { problems };
  }
  const port = resolvePort(destination, sample.port, sample.protocol);
  if (port.kind === 'unresolved') {
    return { problems: [unresolvedFlow(sample.uri, port.code, port.message, sample.spans.port)] };
  }
  const flow: Flow =
    port.portName === undefined
      ? { source, destination, port: port.port, protocol: sample.protocol }
      : {
          source,
          destination,
          port: port.port,
          portName: port.portName,
          protocol: sample.protocol,
        };
  return { flow };
}
