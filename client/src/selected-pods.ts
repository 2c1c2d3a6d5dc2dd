import * as vscode from 'vscode';
import { registerCommand } from './run-command';

export const showSelectedPodsCommand = 'netpol.showSelectedPods';

interface PodItem extends vscode.QuickPickItem {
  readonly location?: vscode.Location;
}

/** The pods a policy selects, from its code lens; picking one opens its definition. */
export function registerSelectedPods(): vscode.Disposable {
  return registerCommand(showSelectedPodsCommand, (argument) => showSelectedPods(argument));
}

async function showSelectedPods(argument: unknown): Promise<void> {
  const record = asRecord(argument);
  const policy = typeof record['policy'] === 'string' ? record['policy'] : 'The policy';
  const pods = Array.isArray(record['pods']) ? (record['pods'] as unknown[]) : [];
  if (pods.length === 0) {
    void vscode.window.showInformationMessage(`${policy} selects no pods.`);
    return;
  }
  const items = pods.map(toItem);
  const picked = await vscode.window.showQuickPick(items, {
    title: `Pods selected by ${policy}`,
    placeHolder: `${pods.length} ${pods.length === 1 ? 'pod' : 'pods'} selected by ${policy}`,
    matchOnDescription: true,
  });
  if (picked?.location !== undefined) {
    await vscode.window.showTextDocument(picked.location.uri, {
      selection: picked.location.range,
    });
  }
}

// The lens may describe a pod as a reference string or as an object; every field is optional.
function toItem(pod: unknown): PodItem {
  if (typeof pod === 'string') {
    return { label: pod };
  }
  const record = asRecord(pod);
  const text = (key: string): string | undefined =>
    typeof record[key] === 'string' ? record[key] : undefined;
  const namespace = text('namespace');
  const name = text('name') ?? '?';
  const label = text('ref') ?? (namespace === undefined ? name : `${namespace}/${name}`);
  const labels = asRecord(record['labels']);
  const description = [
    text('kind') ?? asRecord(record['workload'])['kind'],
    Object.entries(labels)
      .map(([key, value]) => `${key}=${String(value)}`)
      .join(', '),
  ]
    .filter((part) => typeof part === 'string' && part !== '')
    .join(' · ');
  return { label, description, location: toLocation(record) };
}

function toLocation(record: Record<string, unknown>): vscode.Location | undefined {
  const location = 'location' in record ? asRecord(record['location']) : record;
  const uri = location['uri'];
  const range = asRecord(location['range']);
  const start = asRecord(range['start']);
  const end = asRecord(range['end']);
  if (typeof uri !== 'string' || !isPosition(start) || !isPosition(end)) {
    return undefined;
  }
  return new vscode.Location(
    vscode.Uri.parse(uri),
    new vscode.Range(start.line, start.character, end.line, end.character),
  );
}

function isPosition(value: Record<string, unknown>): value is { line: number; character: number } {
  return typeof value['line'] === 'number' && typeof value['character'] === 'number';
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}
