import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { ENGINE, engineFiles } from './engine-files';

// A function longer than this no longer reads as one idea; docs/architecture.md says so.
const MAX_LINES = 60;
const ROOT = join(ENGINE, '../../..');

interface Measured {
  readonly where: string;
  readonly lines: number;
}

// An arrow function or function expression is known by what it is assigned to.
function nameOf(node: ts.SignatureDeclaration, source: ts.SourceFile): string {
  const named = node.name ?? (hasName(node.parent) ? node.parent.name : undefined);
  return named?.getText(source) ?? '(anonymous)';
}

function hasName(
  node: ts.Node,
): node is ts.VariableDeclaration | ts.PropertyAssignment | ts.PropertyDeclaration {
  return (
    ts.isVariableDeclaration(node) ||
    ts.isPropertyAssignment(node) ||
    ts.isPropertyDeclaration(node)
  );
}

// Counted from the line the function starts on to the line of its closing brace, the functions
// nested in it included, so a factory's closures count towards the factory.
function functionsOf(path: string): Measured[] {
  const source = ts.createSourceFile(
    path,
    readFileSync(path, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
  );
  const lineOf = (position: number): number => source.getLineAndCharacterOfPosition(position).line;
  const found: Measured[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body !== undefined) {
      const first = lineOf(node.getStart(source));
      const name = nameOf(node, source);
      found.push({
        where: `${relative(ROOT, path)}:${first + 1} ${name}`,
        lines: lineOf(node.getEnd()) - first + 1,
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('the engine functions', () => {
  it(`are at most ${MAX_LINES} lines long`, () => {
    const long = engineFiles()
      .flatMap(functionsOf)
      .filter((measured) => measured.lines > MAX_LINES)
      .map((measured) => `${measured.where} (${measured.lines} lines)`);
    assert.deepEqual(long, []);
  });
});
