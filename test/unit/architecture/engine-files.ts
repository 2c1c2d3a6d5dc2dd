import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ENGINE = join(import.meta.dirname, '../../../server/src/engine');

/** Every TypeScript file under the engine folder, nested folders included. */
export function engineFiles(folder: string = ENGINE): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) {
      return engineFiles(path);
    }
    return path.endsWith('.ts') ? [path] : [];
  });
}
