import fc from 'fast-check';
import { stringify } from 'yaml';
import type { ToStringOptions } from 'yaml';

// Strings that look like other types, or that need quoting, or that end a plain scalar early.
const LOOKALIKES = [
  ...['null', '~', '', 'true', 'False', 'yes', 'off', '1', '-0', '0x1F', '0o17', '1_000', '1e3'],
  ...['.5', '1.', '.inf', '-.Inf', '.NaN', '2001-12-14', '1:20', '<<', '=', '-', '?', ':', '#'],
  ...['a: b', 'a #b', 'a#b', '- a', '[a]', '{a}', '"', "'", '\\', '|', '>', '&a', '*a', '!a', '%a'],
  ...[
    '@a',
    '`a',
    ' lead',
    'trail ',
    'a\nb',
    'a\n\nb',
    'a\n',
    '\n',
    ' \n ',
    '\t',
    'a\tb',
    'é',
    '😀',
  ],
  ...['---', '...', 'a\r\nb', '\u2028', '\u00a0'],
];

const text = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...LOOKALIKES) },
  { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
);

const scalar = fc.oneof(
  text,
  fc.constantFrom(null, true, false, 0, -0, NaN, Infinity, -Infinity, 1e21, 0.1, 5e-324),
  fc.integer(),
  fc.double(),
);

/** Random plain data: what a YAML document holds. */
export const plainValue: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(text, tie('node'), { maxKeys: 4 }),
  ),
})).node;

const stringifyOptions: fc.Arbitrary<ToStringOptions> = fc.record({
  collectionStyle: fc.constantFrom('any', 'block', 'flow'),
  defaultStringType: fc.constantFrom(
    'PLAIN',
    'QUOTE_DOUBLE',
    'QUOTE_SINGLE',
    'BLOCK_LITERAL',
    'BLOCK_FOLDED',
  ),
  defaultKeyType: fc.constantFrom(null, 'PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'),
  indent: fc.integer({ min: 1, max: 4 }),
  indentSeq: fc.boolean(),
  lineWidth: fc.constantFrom(0, 12, 80),
  minContentWidth: fc.constantFrom(0, 4, 20),
  flowCollectionPadding: fc.boolean(),
  doubleQuotedAsJSON: fc.boolean(),
  nullStr: fc.constantFrom('null', '~', ''),
});

/** Random data written out by `yaml` itself, in random styles. */
export const stringifiedText = fc
  .tuple(plainValue, stringifyOptions)
  .map(([value, options]) => stringify(value, options));

/** Random data written out by hand-rolled code in varied styles, not all of them valid YAML. */
export const handWrittenText = fc
  .tuple(plainValue, fc.array(fc.nat(), { minLength: 1, maxLength: 64 }))
  .map(([value, choices]) => writeDocument(value, choices));

interface Style {
  /** Picks one of `options`, following the generated choices. */
  readonly pick: <T>(options: readonly T[]) => T;
  readonly newline: string;
  readonly step: string;
}

function writeDocument(value: unknown, choices: readonly number[]): string {
  let next = 0;
  const pick = <T>(options: readonly T[]): T =>
    options[choices[next++ % choices.length]! % options.length]!;
  const style: Style = {
    pick,
    newline: pick(['\n', '\n', '\r\n']),
    step: pick(['  ', '    ', ' ']),
  };
  const body = writeBlock(value, '', style).replace(/^(?:\r?\n| )/, '');
  const start = pick([
    '',
    '',
    `---${style.newline}`,
    `# head${style.newline}`,
    `--- # c${style.newline}`,
  ]);
  return start + body + pick([style.newline, '', `${style.newline}...${style.newline}`]);
}

// What follows `key:` or `-`: ` scalar`, ` [flow]`, or lines that each begin with a newline.
function writeBlock(value: unknown, indent: string, style: Style): string {
  if (typeof value !== 'object' || value === null || style.pick([true, false, false, false])) {
    return typeof value === 'object' && value !== null
      ? ` ${writeFlow(value, indent + style.step, style)}`
      : writeBlockScalar(value, indent, style);
  }
  const inner = indent + style.step;
  const lines = Array.isArray(value)
    ? value.map((item) => `-${writeSeqItem(item, indent, style)}`)
    : Object.entries(value).map(
        ([key, item]) => `${writeScalar(key, style)}:${writeBlock(item, inner, style)}`,
      );
  const at = Array.isArray(value) ? style.pick([inner, inner, indent]) : inner;
  return lines.map((line) => `${style.newline}${between(at, style)}${at}${line}`).join('');
}

// What may come between two entries: nothing, blank lines, lines of spaces, or comment lines.
function between(indent: string, style: Style): string {
  const { newline } = style;
  return style.pick([
    '',
    '',
    '',
    newline,
    `  ${newline}${newline}`,
    `${indent}# c${newline}`,
    `# c${newline}${indent}  # d${newline}`,
  ]);
}

function writeSeqItem(item: unknown, indent: string, style: Style): string {
  const inner = `${indent}${style.step}  `;
  const body = writeBlock(item, inner, style);
  const compact = `${style.newline}${inner}`;
  return body.startsWith(compact) && style.pick([true, false])
    ? ` ${body.slice(compact.length)}`
    : body;
}

function writeBlockScalar(value: unknown, indent: string, style: Style): string {
  const comment = style.pick(['', '', ' # c', '#c', '  ', ' \t# c']);
  if (typeof value !== 'string' || !value.includes('\n') || style.pick([true, false])) {
    return ` ${writeScalar(value, style)}${comment}`;
  }
  const header = style.pick(['|', '>', '|-', '>+', '|2', '>-1']);
  const lines = value.split('\n').map((line) => (line === '' ? '' : indent + style.step + line));
  const trail = style.pick(['', '', style.newline, `${style.newline}${indent}   `]);
  return ` ${header}${comment}${style.newline}${lines.join(style.newline)}${trail}`;
}

function writeFlow(value: object, indent: string, style: Style): string {
  const separator = style.pick([
    ', ',
    ',',
    ` ,${style.newline}${indent}`,
    `,${style.newline}${indent}`,
  ]);
  const entries = Array.isArray(value)
    ? value.map((item) => writeFlowItem(item, indent, style))
    : Object.entries(value).map(([key, item]) =>
        item === null && style.pick([true, false])
          ? writeScalar(key, style)
          : `${writeScalar(key, style)}: ${writeFlowItem(item, indent, style)}`,
      );
  const padding = style.pick(['', ' ']);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return `${open}${padding}${entries.join(separator)}${style.pick(['', ',', padding])}${close}`;
}

function writeFlowItem(item: unknown, indent: string, style: Style): string {
  return typeof item === 'object' && item !== null
    ? writeFlow(item, indent + style.step, style)
    : writeScalar(item, style);
}

function writeScalar(value: unknown, style: Style): string {
  if (typeof value === 'number') {
    return style.pick(numberSpellings(value));
  }
  if (typeof value === 'boolean') {
    return style.pick(value ? ['true', 'True', 'TRUE'] : ['false', 'False', 'FALSE']);
  }
  if (typeof value !== 'string') {
    return style.pick(['~', 'null', 'NULL', '']);
  }
  return style.pick([
    value,
    JSON.stringify(value),
    `'${value.replace(/'/g, "''")}'`,
    JSON.stringify(value).replace(/ /g, `${style.newline} `),
  ]);
}

function numberSpellings(value: number): string[] {
  if (Number.isNaN(value)) {
    return ['.nan', '.NaN', '.NAN', 'NaN'];
  }
  if (!Number.isFinite(value)) {
    return value > 0 ? ['.inf', '+.Inf', '.INF', 'Infinity'] : ['-.inf', '-.Inf', '-.INF'];
  }
  const spellings = [
    String(value),
    value.toExponential(),
    `+${value}`,
    `${value}`.replace(/^0\./, '.'),
  ];
  return Number.isInteger(value) && value >= 0
    ? [...spellings, `0x${value.toString(16)}`, `0o${value.toString(8)}`, `00${value}`]
    : spellings;
}
