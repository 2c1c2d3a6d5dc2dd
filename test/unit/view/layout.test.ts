import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { columnInfos, layOut, lookOf } from '../../../client/webview/layout';
import type { Filters, GridClass, GridData } from '../../../client/webview/layout';

const classes: GridClass[] = [
  {
    namespace: 'data',
    pods: ['db'],
    ports: [{ port: 5432, protocol: 'TCP' }],
    ingressIsolated: true,
    egressIsolated: false,
  },
  {
    namespace: 'shop',
    pods: ['api'],
    ports: [{ port: 8080, name: 'http', protocol: 'TCP' }],
    ingressIsolated: false,
    egressIsolated: false,
  },
  {
    namespace: 'shop',
    pods: ['web', 'web-2'],
    ports: [
      { port: 80, name: 'http', protocol: 'TCP' },
      { port: 9090, protocol: 'TCP' },
    ],
    ingressIsolated: false,
    egressIsolated: false,
  },
];

// Rows are classes; columns: db:5432, api:8080, web:80, web:9090. Only api may reach the db.
const allowed = (row: number, column: number) => column !== 0 || row === 1;

function grid(): GridData {
  const columns = 4;
  const cells = new Uint8Array(Math.ceil((classes.length * columns) / 8));
  for (let row = 0; row < classes.length; row++) {
    for (let column = 0; column < columns; column++) {
      if (allowed(row, column)) {
        const bit = row * columns + column;
        cells[bit >>> 3]! |= 1 << (bit & 7);
      }
    }
  }
  return { classes, columns, cells };
}

const NONE: Filters = {
  search: '',
  namespace: '',
  port: '',
  verdict: 'all',
  decidedOnly: false,
  collapsed: new Set(),
};

function names(data: GridData, filters: Filters) {
  const layout = layOut(data, columnInfos(data.classes), filters);
  return {
    rows: layout.rows.map((row) =>
      row.kind === 'group' ? `[${row.namespace}]` : data.classes[row.index]!.pods[0],
    ),
    columns: layout.columns.map((column) =>
      column.kind === 'group'
        ? `[${column.namespace}]`
        : `${data.classes[column.destination]!.pods[0]}:${data.classes[column.destination]!.ports[column.portIndex]!.port}`,
    ),
  };
}

describe('the reachability view layout', () => {
  it('groups rows and columns by namespace, each group first', () => {
    assert.deepEqual(names(grid(), NONE), {
      rows: ['[data]', 'db', '[shop]', 'api', 'web'],
      columns: ['[data]', 'db:5432', '[shop]', 'api:8080', 'web:80', 'web:9090'],
    });
  });

  it('keeps only the group of a collapsed namespace', () => {
    assert.deepEqual(names(grid(), { ...NONE, collapsed: new Set(['shop']) }), {
      rows: ['[data]', 'db', '[shop]'],
      columns: ['[data]', 'db:5432', '[shop]'],
    });
  });

  it('filters by search, destination namespace and port', () => {
    assert.deepEqual(names(grid(), { ...NONE, search: 'WEB-2' }), {
      rows: ['[shop]', 'web'],
      columns: ['[shop]', 'web:80', 'web:9090'],
    });
    assert.deepEqual(names(grid(), { ...NONE, namespace: 'data' }).columns, ['[data]', 'db:5432']);
    assert.deepEqual(names(grid(), { ...NONE, port: 'http' }).columns, [
      '[shop]',
      'api:8080',
      'web:80',
    ]);
  });

  it('keeps the rows and columns with a cell of the verdict asked for, or that a policy decides', () => {
    assert.deepEqual(names(grid(), { ...NONE, verdict: 'deny' }), {
      rows: ['[data]', 'db', '[shop]', 'web'],
      columns: ['[data]', 'db:5432'],
    });
    assert.deepEqual(names(grid(), { ...NONE, decidedOnly: true }).columns, ['[data]', 'db:5432']);
  });

  it('colours a cell by its verdict, and a group by all its members', () => {
    const data = grid();
    const infos = columnInfos(data.classes);
    const layout = layOut(data, infos, NONE);
    const row = (name: string) =>
      layout.rows.find(
        (entry) => entry.kind === 'class' && data.classes[entry.index]!.pods[0] === name,
      )!;
    const shopGroup = layout.rows.find(
      (entry) => entry.kind === 'group' && entry.namespace === 'shop',
    )!;
    const dbColumn = layout.columns.find(
      (entry) => entry.kind === 'column' && entry.destination === 0,
    )!;
    assert.equal(lookOf(data, infos, NONE, row('api'), dbColumn), 'allow');
    assert.equal(lookOf(data, infos, NONE, row('web'), dbColumn), 'deny');
    assert.equal(lookOf(data, infos, NONE, shopGroup, dbColumn), 'mixed');
    assert.equal(lookOf(data, infos, { ...NONE, verdict: 'allow' }, row('web'), dbColumn), 'none');
  });
});
