import { SymbolKind } from 'vscode-languageserver/node';
import type { DocumentSymbol } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ide } from '../engine';

import { runSafe } from '../run-safe';
import { toRange } from '../to-lsp';
import type { FeatureContext } from './context';

/**
 * Document symbols: policies (tiered cluster policies too) with their rules, SampleFlows with
 * their flows, other objects.
 */
export function registerSymbols({ connection, documents, workspace }: FeatureContext): void {
  connection.onDocumentSymbol((params) =>
    runSafe(connection, 'document symbols', [], (): DocumentSymbol[] => {
      const document = documents.get(params.textDocument.uri);
      const file = workspace.file(params.textDocument.uri);
      if (document === undefined || file === undefined) {
        return [];
      }
      return ide.outlineFile(file).map((item) => toSymbol(document, item));
    }),
  );
}

function toSymbol(document: TextDocument, item: ide.OutlineItem): DocumentSymbol {
  // The selection range must lie inside the range, or clients drop the symbol.
  const inside = item.nameSpan.start >= item.span.start && item.nameSpan.end <= item.span.end;
  const symbol: DocumentSymbol = {
    ...describe(item),
    range: toRange(document, item.span),
    selectionRange: toRange(document, inside ? item.nameSpan : item.span),
  };
  if (item.kind === 'policy' || item.kind === 'cluster-policy' || item.kind === 'sample-flows') {
    symbol.children = item.children.map((child) => toSymbol(document, child));
  }
  return symbol;
}

function describe(item: ide.OutlineItem): Pick<DocumentSymbol, 'name' | 'detail' | 'kind'> {
  switch (item.kind) {
    case 'policy':
      return {
        name: orUnnamed(item.name),
        detail: `NetworkPolicy · ${item.namespace}`,
        kind: SymbolKind.Class,
      };
    case 'rule':
      return {
        name: `${item.direction} rule ${item.index + 1}`,
        detail: ruleDetail(item),
        kind: SymbolKind.Method,
      };
    case 'cluster-policy':
      return { name: orUnnamed(item.name), detail: clusterDetail(item), kind: SymbolKind.Class };
    case 'cluster-rule': {
      const rule = `${item.direction} rule ${item.index + 1}`;
      const action = item.action ?? 'no action';
      return item.name === null
        ? { name: rule, detail: action, kind: SymbolKind.Method }
        : { name: orUnnamed(item.name), detail: `${action} · ${rule}`, kind: SymbolKind.Method };
    }
    case 'sample-flows':
      return { name: orUnnamed(item.name), detail: 'SampleFlows', kind: SymbolKind.Module };
    case 'flow': {
      const route = `${item.from} -> ${item.to}`;
      const port = `${item.port}/${item.protocol}`;
      return item.name === null
        ? { name: route, detail: port, kind: SymbolKind.Event }
        : { name: item.name, detail: `${route}:${port}`, kind: SymbolKind.Event };
    }
    case 'object':
      return {
        name: orUnnamed(item.name),
        detail: CLUSTER_SCOPED.includes(item.objectKind)
          ? item.objectKind
          : `${item.objectKind} · ${item.namespace}`,
        kind: item.objectKind === 'Namespace' ? SymbolKind.Namespace : SymbolKind.Object,
      };
  }
}

const CLUSTER_SCOPED: readonly string[] = ['Namespace', 'NetworkLogging'];

function clusterDetail(item: Extract<ide.OutlineItem, { kind: 'cluster-policy' }>): string {
  const priority = item.priority === null ? '' : ` · priority ${item.priority}`;
  return `${item.policyKind} · ${item.tier}${priority}`;
}

function ruleDetail(item: Extract<ide.OutlineItem, { kind: 'rule' }>): string {
  const side = item.direction === 'ingress' ? 'from' : 'to';
  const peers = item.peers === null ? `${side} anywhere` : `${side} ${plural(item.peers, 'peer')}`;
  const ports = item.ports === 0 ? 'all ports' : plural(item.ports, 'port');
  return `${peers} · ${ports}`;
}

function orUnnamed(name: string): string {
  // Clients reject a symbol with an empty name.
  return name === '' ? '(unnamed)' : name;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
