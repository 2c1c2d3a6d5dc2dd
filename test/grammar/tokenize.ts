import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const ROOT = join(__dirname, '..', '..');
export const GRAMMAR_PATH = join(ROOT, 'syntaxes', 'netpol-log.tmLanguage.json');
export const SCOPE = 'source.netpol-log';

let onigLoaded: Promise<void> | undefined;

function loadOniguruma(): Promise<void> {
  const wasm = readFileSync(join(ROOT, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  onigLoaded ??= oniguruma.loadWASM(
    wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength),
  );
  return onigLoaded;
}

export async function loadGrammar(): Promise<textmate.IGrammar> {
  await loadOniguruma();
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources) => new oniguruma.OnigScanner(sources),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: (scopeName) =>
      Promise.resolve(
        scopeName === SCOPE
          ? textmate.parseRawGrammar(readFileSync(GRAMMAR_PATH, 'utf8'), GRAMMAR_PATH)
          : null,
      ),
  });
  const grammar = await registry.loadGrammar(SCOPE);
  if (!grammar) {
    throw new Error(`Grammar ${SCOPE} did not load.`);
  }
  return grammar;
}

export interface Token {
  readonly text: string;
  /** Scopes below the root scope, outermost first. */
  readonly scopes: readonly string[];
}

/** Tokenizes text line by line, carrying the rule stack as VS Code does. */
export function tokenizeLines(grammar: textmate.IGrammar, text: string): Token[][] {
  let stack = textmate.INITIAL;
  return text.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, stack);
    stack = result.ruleStack;
    return result.tokens.map((token) => ({
      text: line.slice(token.startIndex, token.endIndex),
      scopes: token.scopes.filter((scope) => scope !== SCOPE),
    }));
  });
}

/** A readable snapshot: each line, then its scoped tokens (plain whitespace left out). */
export function toSnapshot(text: string, lines: readonly Token[][]): string {
  const out: string[] = [];
  text.split('\n').forEach((line, index) => {
    out.push(`> ${line}`);
    for (const token of lines[index] ?? []) {
      if (token.scopes.length > 0 || token.text.trim() !== '') {
        out.push(`  ${JSON.stringify(token.text)} ${token.scopes.join(' ')}`);
      }
    }
  });
  return out.join('\n') + '\n';
}
