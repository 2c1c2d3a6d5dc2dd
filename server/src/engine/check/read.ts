import { isRecord } from '../parse/list';
import type { Path } from '../core/source';

export { isRecord };

/** The value at `path` inside `root`, or `undefined` when any step is missing or of another shape. */
export function valueAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const segment of path) {
    if (typeof segment === 'number') {
      node = Array.isArray(node) ? (node[segment] as unknown) : undefined;
    } else {
      node = isRecord(node) && Object.hasOwn(node, segment) ? node[segment] : undefined;
    }
    if (node === undefined) {
      return undefined;
    }
  }
  return node;
}

export function recordAt(root: unknown, path: Path): Readonly<Record<string, unknown>> | undefined {
  const value = valueAt(root, path);
  return isRecord(value) ? value : undefined;
}

export function listAt(root: unknown, path: Path): readonly unknown[] {
  const value = valueAt(root, path);
  return Array.isArray(value) ? value : [];
}

// Keys such as `app.kubernetes.io/name` would read as several steps, so they are quoted.
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Renders a path as users write it in prose: `spec.ingress[0].from[1]`. */
export function displayPath(path: Path): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      text += `[${segment}]`;
    } else if (!PLAIN_KEY.test(segment)) {
      text += `[${JSON.stringify(segment)}]`;
    } else {
      text += text === '' ? segment : `.${segment}`;
    }
  }
  return text;
}
