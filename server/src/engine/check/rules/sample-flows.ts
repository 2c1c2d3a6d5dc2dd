import type { RelatedSpan } from '../../core/problem';
import type { Path, SourceObject } from '../../core/source';
import { displayPath } from '../read';
import type { Report } from '../report';
import { atKey, atValue } from '../report';
import type { MapPart } from './policy-parts';
import { mapsIn } from './policy-parts';

const FLOWS: Path = ['spec', 'flows'];

export function checkSampleFlows(object: SourceObject): Report[] {
  const flows = mapsIn(object.value, FLOWS);
  return [...checkDuplicateNames(object, flows), ...checkDuplicateFlows(object, flows)];
}

function checkDuplicateNames(object: SourceObject, flows: readonly MapPart[]): Report[] {
  const first = new Map<string, Path>();
  return flows.flatMap(({ path, value: flow }) => {
    const name = flow['name'];
    if (typeof name !== 'string') {
      return [];
    }
    const earlier = first.get(name);
    if (earlier === undefined) {
      first.set(name, path);
      return [];
    }
    return [
      {
        code: 'duplicate-flow-name' as const,
        message: `${displayPath(path)} has the same name as ${displayPath(earlier)}, "${name}".`,
        target: atValue([...path, 'name']),
        related: [related(object, [...earlier, 'name'], 'value', 'The first flow with this name.')],
      },
    ];
  });
}

function checkDuplicateFlows(object: SourceObject, flows: readonly MapPart[]): Report[] {
  const first = new Map<string, Path>();
  return flows.flatMap(({ path, value: flow }) => {
    const key = flowKey(flow);
    if (key === undefined) {
      return [];
    }
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, path);
      return [];
    }
    return [
      {
        code: 'duplicate-flow' as const,
        message: `${displayPath(path)} repeats ${displayPath(earlier)}: same from, to, port and protocol.`,
        target: atKey([...path, 'from']),
        related: [
          related(object, [...earlier, 'from'], 'key', 'The same flow, first listed here.'),
        ],
      },
    ];
  });
}

// The protocol defaults to TCP (docs/design.md §5), so a flow without one equals the same flow with TCP.
function flowKey(flow: Readonly<Record<string, unknown>>): string | undefined {
  const { from, to, port } = flow;
  const protocol = flow['protocol'] ?? 'TCP';
  if (typeof from !== 'string' || typeof to !== 'string') {
    return undefined;
  }
  if (typeof port !== 'number' && typeof port !== 'string') {
    return undefined;
  }
  return JSON.stringify([from, to, port, protocol]);
}

function related(
  object: SourceObject,
  path: Path,
  part: 'key' | 'value',
  message: string,
): RelatedSpan {
  return { message, span: object.locate(path, part) };
}
