/** The matrix as the view receives it (see `ReachabilityResult` in server/src/protocol.ts). */
export interface GridData {
  readonly classes: readonly GridClass[];
  readonly columns: number;
  /** Bit `row * columns + column`, least significant bit first: allowed. */
  readonly cells: Uint8Array;
}

export interface GridClass {
  readonly namespace: string;
  readonly pods: readonly string[];
  readonly ports: readonly {
    readonly port: number;
    readonly name?: string;
    readonly protocol: string;
  }[];
  readonly ingressIsolated: boolean;
  readonly egressIsolated: boolean;
}

export interface Filters {
  /** Lower-case text a workload's `namespace/name` must contain (rows and columns). */
  readonly search: string;
  /** Only destinations in this namespace ('' for all). */
  readonly namespace: string;
  /** Only columns of this port number or name ('' for all). */
  readonly port: string;
  readonly verdict: 'all' | 'allow' | 'deny';
  /** Only cells a policy decides: the source is egress-isolated or the destination ingress-isolated. */
  readonly decidedOnly: boolean;
  readonly collapsed: ReadonlySet<string>;
}

export type RowEntry =
  | { readonly kind: 'group'; readonly namespace: string; readonly members: readonly number[] }
  | { readonly kind: 'class'; readonly namespace: string; readonly index: number };

export type ColumnEntry =
  | { readonly kind: 'group'; readonly namespace: string; readonly members: readonly number[] }
  | {
      readonly kind: 'column';
      readonly namespace: string;
      readonly index: number;
      readonly destination: number;
      readonly portIndex: number;
    };

export interface Layout {
  readonly rows: readonly RowEntry[];
  readonly columns: readonly ColumnEntry[];
}

/** What a cell shows: allowed, denied, mixed (a collapsed group), or left out by the filters. */
export type CellLook = 'allow' | 'deny' | 'mixed' | 'none';

export interface ColumnInfo {
  readonly destination: number;
  readonly portIndex: number;
}

export function columnInfos(classes: readonly GridClass[]): ColumnInfo[] {
  return classes.flatMap((podClass, destination) =>
    podClass.ports.map((_, portIndex) => ({ destination, portIndex })),
  );
}

export function isAllowed(data: GridData, row: number, column: number): boolean {
  const bit = row * data.columns + column;
  return (data.cells[bit >>> 3]! & (1 << (bit & 7))) !== 0;
}

function isDecided(data: GridData, row: number, info: ColumnInfo): boolean {
  return data.classes[row]!.egressIsolated || data.classes[info.destination]!.ingressIsolated;
}

/** Whether a single cell passes the verdict and "decided" filters. */
export function cellShown(
  data: GridData,
  infos: readonly ColumnInfo[],
  filters: Filters,
  row: number,
  column: number,
): boolean {
  if (filters.decidedOnly && !isDecided(data, row, infos[column]!)) {
    return false;
  }
  if (filters.verdict === 'all') {
    return true;
  }
  return isAllowed(data, row, column) === (filters.verdict === 'allow');
}

export function nameOf(podClass: GridClass): string {
  const first = `${podClass.namespace}/${podClass.pods[0] ?? ''}`;
  return podClass.pods.length > 1 ? `${first} +${podClass.pods.length - 1}` : first;
}

function matchesSearch(podClass: GridClass, search: string): boolean {
  return (
    search === '' ||
    podClass.pods.some((pod) => `${podClass.namespace}/${pod}`.toLowerCase().includes(search))
  );
}

function matchesPort(port: GridClass['ports'][number], wanted: string): boolean {
  return wanted === '' || String(port.port) === wanted || port.name === wanted;
}

/**
 * The rows and columns the filters keep, grouped by namespace; a collapsed namespace is one
 * row and one column. Rows and columns without a cell the verdict filters keep are left out.
 */
export function layOut(data: GridData, infos: readonly ColumnInfo[], filters: Filters): Layout {
  const search = filters.search.trim().toLowerCase();
  let rows = data.classes.flatMap((podClass, index) =>
    matchesSearch(podClass, search) ? [index] : [],
  );
  let columns = infos.flatMap((info, index) => {
    const podClass = data.classes[info.destination]!;
    const keep =
      matchesSearch(podClass, search) &&
      (filters.namespace === '' || podClass.namespace === filters.namespace) &&
      matchesPort(podClass.ports[info.portIndex]!, filters.port.trim());
    return keep ? [index] : [];
  });
  if (filters.verdict !== 'all' || filters.decidedOnly) {
    const rowHas = new Uint8Array(data.classes.length);
    const columnHas = new Uint8Array(infos.length);
    for (const row of rows) {
      for (const column of columns) {
        if (cellShown(data, infos, filters, row, column)) {
          rowHas[row] = 1;
          columnHas[column] = 1;
        }
      }
    }
    rows = rows.filter((row) => rowHas[row] === 1);
    columns = columns.filter((column) => columnHas[column] === 1);
  }
  return {
    rows: group(
      rows,
      (row) => data.classes[row]!.namespace,
      filters.collapsed,
      (index, namespace) => ({
        kind: 'class',
        namespace,
        index,
      }),
    ),
    columns: group(
      columns,
      (column) => data.classes[infos[column]!.destination]!.namespace,
      filters.collapsed,
      (index, namespace) => ({ kind: 'column', namespace, index, ...infos[index]! }),
    ),
  };
}

function group<T>(
  indexes: readonly number[],
  namespaceOf: (index: number) => string,
  collapsed: ReadonlySet<string>,
  entry: (index: number, namespace: string) => T,
): (T | { kind: 'group'; namespace: string; members: number[] })[] {
  const out: (T | { kind: 'group'; namespace: string; members: number[] })[] = [];
  let current: { kind: 'group'; namespace: string; members: number[] } | undefined;
  for (const index of indexes) {
    const namespace = namespaceOf(index);
    if (current?.namespace !== namespace) {
      current = { kind: 'group', namespace, members: [] };
      out.push(current);
    }
    current.members.push(index);
    if (!collapsed.has(namespace)) {
      out.push(entry(index, namespace));
    }
  }
  return out;
}

/** The look of the cell at a row entry and a column entry; groups aggregate their members. */
export function lookOf(
  data: GridData,
  infos: readonly ColumnInfo[],
  filters: Filters,
  row: RowEntry,
  column: ColumnEntry,
): CellLook {
  const rows = row.kind === 'group' ? row.members : [row.index];
  const columns = column.kind === 'group' ? column.members : [column.index];
  let allowed = 0;
  let denied = 0;
  for (const r of rows) {
    for (const c of columns) {
      if (!cellShown(data, infos, filters, r, c)) {
        continue;
      }
      if (isAllowed(data, r, c)) {
        allowed++;
      } else {
        denied++;
      }
      if (allowed > 0 && denied > 0) {
        return 'mixed';
      }
    }
  }
  return allowed > 0 ? 'allow' : denied > 0 ? 'deny' : 'none';
}
