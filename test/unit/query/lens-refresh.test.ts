import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAnalysisHost, DEFAULT_MAX_FILE_SIZE, ide } from '../../../server/src/engine';
import { POLICY, POLICY_URI, WORLD, WORLD_URI } from './fixture';

const OPTIONS = { maxFileSize: DEFAULT_MAX_FILE_SIZE };
const ANALYSIS_OPTIONS = { dataplane: 'gke-dataplane-v2' as const };

function hostWith(files: Record<string, string>) {
  const host = createAnalysisHost();
  for (const [uri, text] of Object.entries(files)) {
    host.setFile(uri, text, OPTIONS);
  }
  return { host, analyze: () => host.analyze(Object.keys(files).sort(), ANALYSIS_OPTIONS) };
}

describe('lensesMayDiffer', () => {
  it('says lenses may differ when there is no analysis before', () => {
    const { analyze } = hostWith({ [WORLD_URI]: WORLD, [POLICY_URI]: POLICY });
    assert.equal(ide.lensesMayDiffer(analyze()), true);
  });

  it('says they do not when an edit changed nothing lenses read', () => {
    const other = 'file:///w/notes.yaml';
    const { host, analyze } = hostWith({
      [WORLD_URI]: WORLD,
      [POLICY_URI]: POLICY,
      [other]: 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: notes }\n',
    });
    const before = analyze();
    host.setFile(other, 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: memo }\n', OPTIONS);
    const after = analyze();
    assert.notEqual(after, before);
    assert.equal(ide.lensesMayDiffer(after, before), false);
  });

  it('says they may when a label changed the world', () => {
    const { host, analyze } = hostWith({ [WORLD_URI]: WORLD, [POLICY_URI]: POLICY });
    const before = analyze();
    host.setFile(WORLD_URI, WORLD.replace('tier: back', 'tier: middle'), OPTIONS);
    assert.equal(ide.lensesMayDiffer(analyze(), before), true);
  });
});
