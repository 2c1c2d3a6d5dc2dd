import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeFile, analyzeWorkspace, DEFAULT_MAX_FILE_SIZE } from '../../../server/src/engine';
import type { WorkspaceAnalysis } from '../../../server/src/engine';

export const FIXTURES = path.resolve(__dirname, '../../fixtures/explain-logs');

/** The fixture workspace of explain-logs, analysed as the CLI analyses it. */
export function analyzeFixture(): WorkspaceAnalysis {
  const folder = path.join(FIXTURES, 'workspace');
  const files = readdirSync(folder)
    .sort()
    .map((name) =>
      analyzeFile(`file:///fixture/${name}`, readFileSync(path.join(folder, name), 'utf8'), {
        maxFileSize: DEFAULT_MAX_FILE_SIZE,
      }),
    );
  return analyzeWorkspace(files, { dataplane: 'gke-dataplane-v2' });
}

export function readFixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}
