// Documents where a second YAML parser is most likely to read something other than `yaml` does.
// Several are malformed on purpose; some are the cases that shaped the fast path's guards.

const PLAIN_SCALARS = [
  // Null and booleans in the YAML 1.2 core schema, and YAML 1.1 words that are only strings.
  ...['~', 'null', 'Null', 'NULL', 'nUll', '', 'true', 'True', 'TRUE', 'tRUE', 'false', 'FALSE'],
  ...['yes', 'no', 'on', 'off', 'y', 'n', 'Yes', 'NO', 'On', 'OFF'],
  // Integers, and what only other schemas read as numbers.
  ...['0', '-0', '+0', '00', '007', '08', '+1', '-1', '1_000', '1,000', '0b1', '0b101', '0o17'],
  ...['0o8', '0O7', '0x1F', '0xff', '0X1F', '0xG', '0x', '123456789012345678901234567890'],
  ...['0xFFFFFFFFFFFFFFFFFF', '0o777777777777777777777777', '1:20', '1:20:30', '190:20:30'],
  // Floats.
  ...['1.5', '-1.5', '+1.5', '.5', '-.5', '+.5', '1.', '-1.', '0.0', '-0.0', '-.0', '1e3', '1E3'],
  ...['1e+3', '1e-3', '1.5e-3', '.5e3', '1.e3', '1e03', '0e0', '12e', '.e3', '.', '1.2.3'],
  ...['1_000.5', '6.8523015e+5', '685.230_15e+03', '.inf', '.Inf', '.INF', '+.inf', '-.inf'],
  ...['-.Inf', '.iNF', 'INF', 'inf', '.nan', '.NaN', '.NAN', 'NaN', 'nan', '-.nan'],
  // Dates and other things a YAML 1.1 parser converts.
  ...['2001-12-14', '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10 -5', '<<', '='],
  ...['$1', '+', '-', '++1', '1+1', 'e1', 'a:b', 'http://x.y/z', 'a#b', 'a #b', '@x', '`x'],
];

const QUOTED_SCALARS = [
  ...['"1"', "'1'", '"true"', "'null'", '""', "''", '" "', '"0x1F"', "'.inf'", '"~"'],
  ...["'it''s'", '"a\\"b"', '"\\x41\\u00e9\\U0001F600\\N\\_\\L\\P\\0\\a\\e\\/\\ \\t"', '"\\q"'],
  ...['"\\x4"', '"é😀"', "'\t'", '"\\t\tx"', '"b" c', '"b"c', "'b'c", '"x"#c', '"x" #c'],
  ...['"unterminated', "'unterminated", '"a\\\n  b"'],
];

const MULTI_LINE = [
  // Plain, quoted and block scalars over several lines, with every chomping and indent marker.
  'a: b\n  c\n\n  d\n',
  'a:\n  b\n c\n',
  'a: "multi\n  line"\n',
  'a: "multi \\\n  line"\n',
  "a: 'x\n\n  y'\n",
  'a: "b\n\nc"\n',
  'a: |\n  x\n  y\n',
  'a: |-\n  x\n\n',
  'a: |+\n  x\n\n\n',
  'a: >\n  folded\n  text\n\n  more\n   indented\n  back\n',
  'a: >-\n  x\n\n',
  'a: >+\n x\n\n',
  'a: |2-\n   x\n',
  'a: |1\n  x',
  'a: |0\n x',
  'a: |10\n x',
  'a: >2\n   x\n  y',
  'a: |\n  x\n # c\n',
  'a: |\n  x\n#c\n',
  'a: |\n\n   \n  x\n',
  'a: |\n   \n  x\n',
  'a: |\n    x\n  y',
  'a: |\n  x',
  'a: |x\n',
  'a:\n  |\n  x\n',
  '- |\n a\n- >\n b\n',
  '|\n x\n',
  'a: |\n  \tx\n',
  'a: |\n\tx\n',
  '|1-\n lead\n',
  '|2\n  a\r\n  b\n',
  '- |2 # c\n       \n       \n- null\n',
  '>+\n   \n   ',
  'a: |+\n\n   ',
  'a: "x\\\n\n  y"\n',
  'a: "x \\\n  \n  y"\n',
  'a: "x\\\n  y"\n',
];

const COLLECTIONS = [
  ...['{a: 1,}', '[1,,2]', '{a: 1 b: 2}', '[a: 1]', '{a}', '{"a":1}', '{a:1}', '[a:1]'],
  ...['{a: 1, b:2}', '{ }', '[ ]', 'a: {b: [c, {d: e}]}', '[{a: b}, [c]]', 'a: [b: c, d: e]'],
  ...['a: [b, ]', 'a: {b, c}', 'a: {b: , c}', 'a: {: b}', 'a: [: b]', 'a: [b', 'a: {b'],
  ...['a: ]', 'a: }', 'a: [b]]', 'a: {b: c}}', 'a: {b: c}d', '[a]b', '["a"b]', '{[a]}', '{[a]: b}'],
  ...['[a]: b', '{a: b}: c', 'a: [{b: c}: d]', '[a: 1, {[b]}]', '{{a: b}}', 'a: [1, # c\n 2]'],
  ...['{a}#c', '[a]#c', 'a: {b: c}#c', '{#: 1}', '[a,#c]', '{a: 1,#c\n b: 2}', '{#c\n a: 1}'],
  ...['a: [1,\n  2]', 'a: {b: 1,\n  c: 2}', 'a: [\n  1, 2\n  ]', 'a: [\n  1\n]', 'a: [a\n b]'],
  ...['- a: 1\n  b: 2', '-   a: 1\n    b: 2', '- - a', '- - -', '- - -\n- - -', '- -\n  -\n- -'],
  ...['- a:\n  - -\n- b', '- -  # c\n- -', '- a\n -b', '- a\n  - b', '- a\n - b', 'a:\n- b\n - c'],
  ...['a:\n- 1\n- 2', 'a:\n- b\nc: d', 'a: \n  - 1\n  - 2', 'a:\n  - b\n  c: d', '- \n- a'],
  ...['-\n- a', '- a\n-', ' -\n- a', ' - b\n- a', '  - a\n - b', '   - a\n   - b', 'a: - b'],
  ...['a: - - b', 'a: -', 'a:\n  - b\n  -c', '- a\n- b: c\n  d', '- # c\n  a'],
  ...['\n -\n- a', '# c\n -\n- a', '---\n -\n- a', '-\n   -\n- 0', '- a:\n  -\n- 0'],
];

const MAPS = [
  ...['a b: c', 'a  : b', '"a": b', '"a" : b', "'a':b", '"a":b', '"a"b: c', '"a\nb": c'],
  ...["'a\n b': c", 'a: b: c', ': a', 'a:\n  b: 1\n   c: 2', 'a:\n  b: 1\n c: 2', 'a: b\n c: d'],
  ...['a:\n    b: 1\n  c: 2', 'a:\n b: c\n  d: e', '  a: 1\n  b: 2', '  a: 1\nb: 2', ' a: 1\nb: 2'],
  ...['a: 1\na: 2', '1: a\n"1": b', '1: a\n1.0: b', '.nan: a\n.NaN: b', 'true: a\nTrue: b'],
  ...['1: 2', '1.0: 2', '0x1: 2', '-0: a', '.inf: a', 'true: 1', 'null: 1', '~: 1', '"": 1'],
  ...['"null": 1', 'null: a\n"": b', '__proto__: a', 'toString: a', 'é: 😀', 'key with "q": x'],
  ...[`${'k'.repeat(1100)}: v`, `a: ${'v'.repeat(1100)}`, '? a\n: b', 'a: {? b}', '<<: {a: 1}'],
];

const DOCUMENTS = [
  // Markers, comments, empty documents and line ends.
  ...['', ' ', '\n', '# only', '---', '--- # c', '...', '---\n...\n', '~', 'null', '--- ~'],
  ...['--- null\n', '--- a: b', '--- |\n x', '--- >\n x', '---a', '--- a', 'a: 1\n...\nb: 2'],
  ...['a: b\n---\nc: d', '---\na: 1\n...\n# after', '%YAML 1.2\n---\na: 1', 'hello world'],
  ...["'quoted'", '# c\na: 1 # c', 'a: 1 #c\n#d\n', 'a:\n  # comment\n  b: 1', 'a:  # c\n  b'],
  ...['a: b #c', 'a: b#c', "a: 'x'  ", 'a: b\n\n\n', '\n\na: b', 'a: 1\r\nb: 2\r\n'],
  ...['a: "x\r\n  y"\r\n', 'a: |\r\n  x\r\n  y\r\n', 'a: 1\rb: 2', 'a: [1,\r\n 2]\r\n'],
  // Tabs, byte order marks and unusual characters.
  ...['a:\tb', 'a:\n\t- b', '- \ta', '-\ta', 'a:\t1', 'a: x\t', 'a:\t', '- a\t', '\t1'],
  ...['a: [b, c]\t# c', 'spec:\n\tpodSelector: {}', '\ufeffa: 1', 'a: \ufeff1', ' \n\ufeff'],
  ...['a: b\u2028c', 'a: b\u0085c', 'a: "b\u2028c"', 'a: \u00a0b', '\u00a0a: b', 'a: b\u00a0'],
  ...['a: b\u0000c', 'a: b\u0007', 'a: &x 1\nb: *x', 'a: *b', 'a: !!str 1', 'a: !x 1', 'a: %b'],
  ...['a: "é\\u00e9"', 'ключ: значение', 'a: 😀😀', 'a: "\\uD83D\\uDE00"', 'a: \u3000b'],
];

export const TRICKY_DOCUMENTS: readonly string[] = [
  ...PLAIN_SCALARS.flatMap((scalar) => [`a: ${scalar}\n`, `- ${scalar}\n`, `${scalar}: a\n`]),
  ...QUOTED_SCALARS.flatMap((scalar) => [`a: ${scalar}\n`, `[${scalar}]\n`]),
  ...MULTI_LINE,
  ...COLLECTIONS,
  ...MAPS,
  ...DOCUMENTS,
];
