import { fileURLToPath } from 'node:url';
import { analyzeVariant, ide } from '../engine';
import type { SourceText } from '../cli-output';
import { formatDiffText, toDiffJson } from '../cli/diff-output';
import { impactRequest } from '../protocol';
import type { ImpactBase, ImpactResult } from '../protocol';
import { runSafe } from '../run-safe';
import type { FeatureContext } from './context';
import { createTextLookup } from './definition';

/** Pairs listed in the report; the counts are always whole. */
const LIMIT = 500;

/**
 * `netpol/impact`: the connections between workloads that the workspace as edited opens or closes
 * compared with a base version of some files, and the sample flows whose verdict changed; the
 * report is the one `netpol-lens diff` prints, so the editor and CI read alike.
 */
export function registerImpact(context: FeatureContext): void {
  const { connection, workspace } = context;
  connection.onRequest(impactRequest, (params) =>
    runSafe(connection, 'change impact', null, async (): Promise<ImpactResult | null> => {
      workspace.flush();
      const head = workspace.analysis();
      if (head === undefined || !Array.isArray(params?.bases)) {
        return null;
      }
      const bases = (params.bases as readonly unknown[]).filter(isBase);
      const base = analyzeVariant(
        head,
        new Map(bases.map((each) => [each.uri, each.text])),
        context.settings().maxFileSize,
      );
      const diff = ide.diffReachability(base, head, { dataplane: head.dataplane });
      const lookup = createTextLookup(context);
      const texts = new Map<string, SourceText>();
      for (const uri of new Set(diff.flows.map((change) => change.after.uri))) {
        const document = await lookup(uri);
        if (document !== undefined) {
          texts.set(uri, { file: displayName(uri), text: document.getText() });
        }
      }
      const json = toDiffJson(diff, texts, LIMIT);
      const baseName = typeof params.baseName === 'string' ? params.baseName : 'the base';
      return {
        opened: json.counts.opened,
        closed: json.counts.closed,
        flows: json.counts.flows,
        text: `# Change impact: the workspace as edited against ${baseName}\n\n${formatDiffText(json)}`,
      };
    }),
  );
}

/** A base as the protocol defines it: a request from elsewhere may hold anything. */
function isBase(value: unknown): value is ImpactBase {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const { uri, text } = value as Record<string, unknown>;
  return typeof uri === 'string' && (text === null || typeof text === 'string');
}

function displayName(uri: string): string {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
  } catch {
    return uri;
  }
}
