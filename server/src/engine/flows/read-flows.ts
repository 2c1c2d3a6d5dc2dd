import { isRecord, readArray, readRecord, readString } from '../model/read';
import type { Path, PlacedObject } from '../core/source';
import { originOf } from '../core/source';
import { shift } from '../core/span';
import type { Protocol } from '../core/vocabulary';
import type { SampleFlow } from './types';

const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

/**
 * The flows of one SampleFlows object. Items the schema rejects (no `from`, a port out of
 * range, protocol ICMP) are skipped: the schema check reports them.
 */
export function readSampleFlows(object: PlacedObject): SampleFlow[] {
  const spec = readRecord(object.value['spec']);
  return readArray(spec['flows']).flatMap((item, index) =>
    isRecord(item) ? readItem(object, item, ['spec', 'flows', index]) : [],
  );
}

function readItem(
  object: PlacedObject,
  item: Readonly<Record<string, unknown>>,
  path: Path,
): SampleFlow[] {
  const from = readString(item['from']);
  const to = readString(item['to']);
  const port = readPort(item['port']);
  const protocol = PROTOCOLS.find((candidate) => candidate === (item['protocol'] ?? 'TCP'));
  if (from === undefined || to === undefined || port === undefined || protocol === undefined) {
    return [];
  }
  const span = (inner: Path) => shift(object.locate([...path, ...inner], 'value'), object.offset);
  const expect = item['expect'];
  const expectLogged = item['expectLogged'];
  return [
    {
      uri: object.uri,
      span: span([]),
      origin: originOf(object, path),
      name: readString(item['name']) ?? null,
      from,
      to,
      port,
      protocol,
      expect: expect === 'allow' || expect === 'deny' ? expect : null,
      expectLogged: typeof expectLogged === 'boolean' ? expectLogged : null,
      spans: { from: span(['from']), to: span(['to']), port: span(['port']) },
    },
  ];
}

function readPort(value: unknown): number | string | undefined {
  if (typeof value === 'number') {
    return Number.isInteger(value) && value >= 1 && value <= 65535 ? value : undefined;
  }
  if (typeof value !== 'string' || value === '') {
    return undefined;
  }
  return /^\d+$/.test(value) ? readPort(Number(value)) : value;
}
