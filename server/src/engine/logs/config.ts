import { classify } from '../core/classify';
import type { Path, PlacedObject } from '../core/source';
import { originOf } from '../core/source';
import type { Origin } from '../world/types';

/** One disposition's `spec.cluster.allow` or `spec.cluster.deny`. */
export interface LogAction {
  readonly log: boolean;
  readonly delegate: boolean;
}

/**
 * Where the config in effect comes from: a NetworkLogging object of the workspace, none at all,
 * or only objects that anetd refuses (so logging stays off).
 */
export type LoggingSource = 'workspace' | 'none' | 'invalid';

export type LoggingNoteCode =
  | 'invalid-name' // metadata.name is not `default`: the API server rejects it
  | 'invalid-type' // a field is not a boolean: the API server rejects it
  | 'invalid-delegate' // delegate without log: anetd refuses it and keeps the previous config
  | 'overridden'; // a later valid object replaces this one

export interface LoggingNote {
  readonly code: LoggingNoteCode;
  readonly message: string;
  readonly origin: Origin;
}

export interface LoggingConfig {
  readonly source: LoggingSource;
  readonly allow: LogAction;
  readonly deny: LogAction;
  /** The object in effect, when `source` is `workspace`. */
  readonly origin?: Origin;
  readonly notes: readonly LoggingNote[];
}

const OFF: LogAction = { log: false, delegate: false };
const DISPOSITIONS = ['allow', 'deny'] as const;

interface Candidate {
  readonly object: PlacedObject;
  readonly allow: LogAction;
  readonly deny: LogAction;
}

/**
 * Reads the NetworkLogging config in effect, applying the workspace's objects in order as
 * `kubectl apply` would: the API server rejects a wrong name or a non-boolean field, and anetd
 * refuses `delegate: true` with `log: false` and keeps the previous config (docs/gke-logging.md §1.3).
 */
export function readLoggingConfig(objects: readonly PlacedObject[]): LoggingConfig {
  const notes: LoggingNote[] = [];
  const candidates: Candidate[] = [];
  let seen = false;
  for (const object of objects) {
    if (classify(object.apiVersion, object.kind) !== 'NetworkLogging') {
      continue;
    }
    seen = true;
    const candidate = readCandidate(object, notes);
    if (candidate) {
      candidates.push(candidate);
    }
  }
  const chosen = candidates.at(-1);
  for (const overridden of candidates.slice(0, -1)) {
    notes.push(note(overridden.object, [], 'overridden', OVERRIDDEN));
  }
  if (!chosen) {
    return { source: seen ? 'invalid' : 'none', allow: OFF, deny: OFF, notes };
  }
  return {
    source: 'workspace',
    allow: chosen.allow,
    deny: chosen.deny,
    origin: originOf(chosen.object, []),
    notes,
  };
}

const OVERRIDDEN =
  'A cluster has one NetworkLogging object; a later one in the workspace replaces this one.';

function readCandidate(object: PlacedObject, notes: LoggingNote[]): Candidate | undefined {
  const metadata = asRecord(object.value.metadata);
  if (metadata?.name !== 'default') {
    const message =
      'The NetworkLogging object must be named "default"; the API server rejects any other name, so the preview ignores it.';
    notes.push(note(object, ['metadata', 'name'], 'invalid-name', message));
    return undefined;
  }
  const cluster = asRecord(asRecord(object.value.spec)?.cluster);
  const actions: Partial<Record<(typeof DISPOSITIONS)[number], LogAction>> = {};
  for (const disposition of DISPOSITIONS) {
    const action = readAction(object, cluster?.[disposition], disposition, notes);
    if (!action) {
      return undefined;
    }
    actions[disposition] = action;
  }
  return { object, allow: actions.allow ?? OFF, deny: actions.deny ?? OFF };
}

function readAction(
  object: PlacedObject,
  raw: unknown,
  disposition: 'allow' | 'deny',
  notes: LoggingNote[],
): LogAction | undefined {
  const fields = asRecord(raw);
  const path = ['spec', 'cluster', disposition];
  const log = fields?.log ?? false;
  const delegate = fields?.delegate ?? false;
  if (typeof log !== 'boolean' || typeof delegate !== 'boolean') {
    const field = typeof log !== 'boolean' ? 'log' : 'delegate';
    const message = `spec.cluster.${disposition}.${field} must be a boolean; the API server rejects the object, so the preview ignores it.`;
    notes.push(note(object, [...path, field], 'invalid-type', message));
    return undefined;
  }
  if (delegate && !log) {
    const message = `spec.cluster.${disposition} sets delegate without log; anetd refuses the object and keeps the previous config, which is logging off when there is none.`;
    notes.push(note(object, [...path, 'delegate'], 'invalid-delegate', message));
    return undefined;
  }
  return { log, delegate };
}

function asRecord(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function note(
  object: PlacedObject,
  path: Path,
  code: LoggingNoteCode,
  message: string,
): LoggingNote {
  return { code, message, origin: originOf(object, path) };
}
