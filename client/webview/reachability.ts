import './reachability.css';
import { columnInfos, layOut, lookOf, nameOf } from './layout';
import type {
  CellLook,
  ColumnEntry,
  ColumnInfo,
  Filters,
  GridData,
  Layout,
  RowEntry,
} from './layout';

interface VsCodeApi {
  postMessage(message: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

interface CellAnswer {
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly protocol: string;
  readonly allowed: boolean;
  readonly summary: string;
  readonly explanation: string;
  readonly links: readonly {
    readonly label: string;
    readonly uri: string;
    readonly range: unknown;
  }[];
}

type Incoming =
  | {
      type: 'data';
      version: number;
      data: {
        classes: GridData['classes'];
        columns: number;
        cells: string;
        allowedPodPairs: number;
        deniedPodPairs: number;
        dataplane: string;
      };
    }
  | { type: 'cell'; requestId: number; answer: CellAnswer | null }
  | { type: 'message'; text: string };

const CELL = 18;
const LABEL_WIDTH = 260;
const HEADER_HEIGHT = 150;

const vscode = acquireVsCodeApi();
const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const viewport = element<HTMLDivElement>('viewport');
const spacer = element<HTMLDivElement>('spacer');
const layer = element<HTMLDivElement>('layer');
const tooltip = element<HTMLDivElement>('tooltip');
const details = element<HTMLDivElement>('details');
const status = element<HTMLSpanElement>('status');
const inputs = {
  search: element<HTMLInputElement>('search'),
  namespace: element<HTMLSelectElement>('namespace'),
  port: element<HTMLInputElement>('port'),
  verdict: element<HTMLSelectElement>('verdict'),
  decided: element<HTMLInputElement>('decided'),
};

let version = -1;
let data: GridData | undefined;
let infos: ColumnInfo[] = [];
let layout: Layout = { rows: [], columns: [] };
const collapsed = new Set<string>();
let looks = new Map<string, CellLook>();
let cursor = { row: 0, column: 0 };
let requestIds = 0;
let hoverRequest = -1;
let detailRequest = -1;

function filters(): Filters {
  return {
    search: inputs.search.value,
    namespace: inputs.namespace.value,
    port: inputs.port.value,
    verdict: inputs.verdict.value as Filters['verdict'],
    decidedOnly: inputs.decided.checked,
    collapsed,
  };
}

function relayout(): void {
  if (data === undefined) {
    return;
  }
  layout = layOut(data, infos, filters());
  looks = new Map();
  cursor = {
    row: Math.min(cursor.row, Math.max(0, layout.rows.length - 1)),
    column: Math.min(cursor.column, Math.max(0, layout.columns.length - 1)),
  };
  spacer.style.width = `${LABEL_WIDTH + layout.columns.length * CELL}px`;
  spacer.style.height = `${HEADER_HEIGHT + layout.rows.length * CELL}px`;
  render();
}

function keyOf(entry: RowEntry | ColumnEntry): string {
  return entry.kind === 'group' ? `g:${entry.namespace}` : `${entry.index}`;
}

function look(row: RowEntry, column: ColumnEntry): CellLook {
  const key = `${keyOf(row)}|${keyOf(column)}`;
  let found = looks.get(key);
  if (found === undefined) {
    found = lookOf(data!, infos, filters(), row, column);
    looks.set(key, found);
  }
  return found;
}

function escape(text: string): string {
  return text.replace(/[&<>"]/g, (character) => `&#${character.charCodeAt(0)};`);
}

function rowLabel(row: RowEntry): string {
  if (row.kind === 'group') {
    return `${collapsed.has(row.namespace) ? '▸' : '▾'} ${row.namespace} (${row.members.length})`;
  }
  return nameOf(data!.classes[row.index]!);
}

function columnLabel(column: ColumnEntry): string {
  if (column.kind === 'group') {
    return `${collapsed.has(column.namespace) ? '▸' : '▾'} ${column.namespace}`;
  }
  const podClass = data!.classes[column.destination]!;
  const port = podClass.ports[column.portIndex]!;
  return `${nameOf(podClass)}:${port.name ?? port.port}/${port.protocol}`;
}

// Only what the viewport shows is in the DOM: a matrix at L has millions of cells. Positions are
// set through the CSSOM, which the content security policy allows where style attributes are not.
function render(): void {
  if (data === undefined) {
    return;
  }
  const left = viewport.scrollLeft;
  const top = viewport.scrollTop;
  const width = viewport.clientWidth - LABEL_WIDTH;
  const height = viewport.clientHeight - HEADER_HEIGHT;
  const firstColumn = Math.floor(left / CELL);
  const lastColumn = Math.min(layout.columns.length, firstColumn + Math.ceil(width / CELL) + 1);
  const firstRow = Math.floor(top / CELL);
  const lastRow = Math.min(layout.rows.length, firstRow + Math.ceil(height / CELL) + 1);
  const fragment = document.createDocumentFragment();
  for (let r = firstRow; r < lastRow; r++) {
    const row = layout.rows[r]!;
    const y = HEADER_HEIGHT + r * CELL;
    for (let c = firstColumn; c < lastColumn; c++) {
      const cellLook = look(row, layout.columns[c]!);
      const cell = place(fragment, `cell ${cellLook}`, LABEL_WIDTH + c * CELL, y);
      cell.dataset['row'] = String(r);
      cell.dataset['column'] = String(c);
      cell.dataset['verdict'] = cellLook;
      cell.dataset['kind'] =
        row.kind === 'class' && layout.columns[c]!.kind === 'column' ? 'single' : 'group';
      cell.setAttribute('role', 'gridcell');
      if (r === cursor.row && c === cursor.column) {
        cell.classList.add('cursor');
        cell.id = 'cursor-cell';
      }
    }
    const label = place(fragment, `label row ${row.kind}`, left, y, rowLabel(row));
    label.dataset['row'] = String(r);
  }
  for (let c = firstColumn; c < lastColumn; c++) {
    const column = layout.columns[c]!;
    const label = place(fragment, `label column ${column.kind}`, LABEL_WIDTH + c * CELL, top);
    label.dataset['column'] = String(c);
    label.title = columnLabel(column);
    label.appendChild(document.createElement('span')).textContent = columnLabel(column);
  }
  place(fragment, 'corner', left, top);
  layer.replaceChildren(fragment);
  viewport.setAttribute('aria-activedescendant', 'cursor-cell');
}

function place(
  parent: Node,
  className: string,
  x: number,
  y: number,
  text?: string,
): HTMLDivElement {
  const node = document.createElement('div');
  node.className = className;
  node.style.left = `${x}px`;
  node.style.top = `${y}px`;
  if (text !== undefined) {
    node.textContent = text;
    node.title = text;
  }
  parent.appendChild(node);
  return node;
}

function entryAt(target: EventTarget | null): { row?: number; column?: number } {
  const node = (target as HTMLElement | null)?.closest<HTMLElement>('[data-row],[data-column]');
  if (node === null || node === undefined) {
    return {};
  }
  const row = node.dataset['row'];
  const column = node.dataset['column'];
  return {
    ...(row === undefined ? {} : { row: Number(row) }),
    ...(column === undefined ? {} : { column: Number(column) }),
  };
}

function toggle(namespace: string): void {
  if (collapsed.has(namespace)) {
    collapsed.delete(namespace);
  } else {
    collapsed.add(namespace);
  }
  relayout();
}

// A cell of one class and one port stands for its pods; a group cell has no single verdict.
function cellOf(r: number, c: number): { row: number; column: number } | undefined {
  const row = layout.rows[r];
  const column = layout.columns[c];
  if (row?.kind !== 'class' || column?.kind !== 'column') {
    return undefined;
  }
  return { row: row.index, column: column.index };
}

function ask(r: number, c: number, purpose: 'hover' | 'details'): void {
  const cell = cellOf(r, c);
  if (cell === undefined) {
    return;
  }
  const requestId = ++requestIds;
  if (purpose === 'hover') {
    hoverRequest = requestId;
  } else {
    detailRequest = requestId;
  }
  vscode.postMessage({ type: 'cell', requestId, version, ...cell });
}

function showDetails(answer: CellAnswer): void {
  const links = answer.links
    .map((link, index) => `<li><a href="#" data-link="${index}">${escape(link.label)}</a></li>`)
    .join('');
  details.innerHTML = `
    <div class="verdict ${answer.allowed ? 'allow' : 'deny'}">${escape(answer.from)} → ${escape(answer.to)}:${answer.port}/${escape(answer.protocol)}: ${answer.allowed ? 'allowed' : 'denied'}</div>
    <pre>${escape(answer.explanation)}</pre>
    ${links === '' ? '' : `<div>Deciding rules and policies:</div><ul>${links}</ul>`}
    <button id="add-flow">Add to SampleFlows</button>`;
  details.hidden = false;
  details.querySelectorAll<HTMLAnchorElement>('[data-link]').forEach((anchor) => {
    anchor.addEventListener('click', (event) => {
      event.preventDefault();
      const link = answer.links[Number(anchor.dataset['link'])]!;
      vscode.postMessage({ type: 'open', uri: link.uri, range: link.range });
    });
  });
  element<HTMLButtonElement>('add-flow').addEventListener('click', () => {
    vscode.postMessage({
      type: 'add',
      flow: {
        from: answer.from,
        to: answer.to,
        port: answer.port,
        protocol: answer.protocol,
        expect: answer.allowed ? 'allow' : 'deny',
      },
    });
  });
}

function moveCursor(row: number, column: number): void {
  cursor = {
    row: Math.max(0, Math.min(layout.rows.length - 1, row)),
    column: Math.max(0, Math.min(layout.columns.length - 1, column)),
  };
  const x = cursor.column * CELL;
  const y = cursor.row * CELL;
  const width = viewport.clientWidth - LABEL_WIDTH;
  const height = viewport.clientHeight - HEADER_HEIGHT;
  if (x < viewport.scrollLeft) {
    viewport.scrollLeft = x;
  } else if (x + CELL > viewport.scrollLeft + width) {
    viewport.scrollLeft = x + CELL - width;
  }
  if (y < viewport.scrollTop) {
    viewport.scrollTop = y;
  } else if (y + CELL > viewport.scrollTop + height) {
    viewport.scrollTop = y + CELL - height;
  }
  render();
  ask(cursor.row, cursor.column, 'hover');
}

viewport.addEventListener('scroll', () => requestAnimationFrame(render));
window.addEventListener('resize', () => requestAnimationFrame(render));
for (const input of Object.values(inputs)) {
  input.addEventListener('input', relayout);
}
layer.addEventListener('click', (event) => {
  const { row, column } = entryAt(event.target);
  if (row !== undefined && column === undefined) {
    const entry = layout.rows[row];
    if (entry?.kind === 'group') {
      toggle(entry.namespace);
    }
    return;
  }
  if (column !== undefined && row === undefined) {
    const entry = layout.columns[column];
    if (entry?.kind === 'group') {
      toggle(entry.namespace);
    }
    return;
  }
  if (row !== undefined && column !== undefined) {
    cursor = { row, column };
    render();
    ask(row, column, 'details');
  }
});
layer.addEventListener('mouseover', (event) => {
  const { row, column } = entryAt(event.target);
  if (row !== undefined && column !== undefined) {
    const rect = (event.target as HTMLElement).getBoundingClientRect();
    tooltip.style.left = `${rect.right + 4}px`;
    tooltip.style.top = `${rect.bottom + 4}px`;
    tooltip.textContent = '…';
    tooltip.hidden = cellOf(row, column) === undefined;
    ask(row, column, 'hover');
  }
});
viewport.addEventListener('mouseleave', () => {
  tooltip.hidden = true;
});
viewport.addEventListener('keydown', (event) => {
  const moves: Record<string, [number, number]> = {
    ArrowUp: [-1, 0],
    ArrowDown: [1, 0],
    ArrowLeft: [0, -1],
    ArrowRight: [0, 1],
    PageUp: [-10, 0],
    PageDown: [10, 0],
  };
  const move = moves[event.key];
  if (move !== undefined) {
    event.preventDefault();
    moveCursor(cursor.row + move[0], cursor.column + move[1]);
  } else if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    const row = layout.rows[cursor.row];
    if (row?.kind === 'group') {
      toggle(row.namespace);
    } else {
      ask(cursor.row, cursor.column, 'details');
    }
  } else if (event.key === 'Escape') {
    details.hidden = true;
  }
});

window.addEventListener('message', (event: MessageEvent<Incoming>) => {
  const message = event.data;
  if (message.type === 'data') {
    version = message.version;
    const bytes = Uint8Array.from(atob(message.data.cells), (character) => character.charCodeAt(0));
    data = { classes: message.data.classes, columns: message.data.columns, cells: bytes };
    infos = columnInfos(data.classes);
    const namespaces = [...new Set(data.classes.map((podClass) => podClass.namespace))];
    const chosen = inputs.namespace.value;
    inputs.namespace.innerHTML = [
      '<option value="">all namespaces</option>',
      ...namespaces.map(
        (name) => `<option${name === chosen ? ' selected' : ''}>${escape(name)}</option>`,
      ),
    ].join('');
    const pods = data.classes.reduce((sum, podClass) => sum + podClass.pods.length, 0);
    status.textContent = `${pods} pods in ${data.classes.length} classes · ${message.data.allowedPodPairs} pod pairs allowed, ${message.data.deniedPodPairs} denied · ${message.data.dataplane}`;
    relayout();
  } else if (message.type === 'cell') {
    if (message.answer === null) {
      return;
    }
    if (message.requestId === hoverRequest) {
      tooltip.textContent = message.answer.summary;
    }
    if (message.requestId === detailRequest) {
      showDetails(message.answer);
    }
  } else {
    status.textContent = message.text;
  }
});

vscode.postMessage({ type: 'ready' });
