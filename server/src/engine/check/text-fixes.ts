import type { ParsedDocument } from '../parse/parse-document';
import { pathAt } from '../parse/path-at';
import type { Problem } from '../core/problem';
import { appendToList } from '../parse/yaml-edit';

const TYPES: Readonly<Record<string, string>> = { ingress: 'Ingress', egress: 'Egress' };

/**
 * Adds the fixes that need the document's text (indentation, list style) to its problems:
 * the missing policyTypes entry for rules that policyTypes leaves out.
 */
export function addTextFixes(problems: readonly Problem[], parsed: ParsedDocument): Problem[] {
  if (!problems.some((problem) => problem.code === 'policy-types-omits-direction')) {
    return [...problems];
  }
  return problems.map((problem) =>
    problem.code === 'policy-types-omits-direction' ? withPolicyTypeFix(problem, parsed) : problem,
  );
}

function withPolicyTypeFix(problem: Problem, parsed: ParsedDocument): Problem {
  const tree = parsed.tree();
  const at = tree && pathAt(tree, problem.span.start);
  const rules = at?.path.at(-1);
  const type = typeof rules === 'string' ? TYPES[rules] : undefined;
  if (tree === undefined || at === undefined || type === undefined || at.path.at(-2) !== 'spec') {
    return problem;
  }
  const edits = appendToList(parsed.text, tree, [...at.path.slice(0, -1), 'policyTypes'], type);
  return edits === undefined
    ? problem
    : { ...problem, fixes: [{ title: `Add ${type} to spec.policyTypes`, edits, preferred: true }] };
}
