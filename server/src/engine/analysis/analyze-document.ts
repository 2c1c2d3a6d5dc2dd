import { asServerReads, checkObject } from '../check';
import type { DocumentAnalysis } from '../check/document-analysis';
import { addTextFixes } from '../check/text-fixes';
import { classify } from '../core/classify';
import { toSourceObjects } from '../parse/list';
import { parseYamlDocument } from '../parse/parse-document';
import { skippedAsTemplate, templateStart } from '../parse/template-syntax';

/** One document on its own: parsed, its objects of known kinds found, and checked. */
export function analyzeDocument(text: string): DocumentAnalysis {
  const parsed = parseYamlDocument(text);
  const objects = toSourceObjects(parsed.value, parsed.locate)
    .filter((object) => classify(object.apiVersion, object.kind) !== undefined)
    .map(asServerReads);
  // A Helm template is not YAML until it is rendered: its syntax errors are noise, but a
  // document skipped for them is said to be, so that a policy in it never silently disappears.
  const template = templateStart(text);
  const syntax =
    template === -1
      ? parsed.problems
      : parsed.value === undefined && parsed.problems.length > 0
        ? [skippedAsTemplate(template)]
        : [];
  const problems = addTextFixes([...syntax, ...objects.flatMap(checkObject)], parsed);
  // Sample flows locate every flow's values for their verdicts: keep their tree.
  if (!objects.some((object) => object.kind === 'SampleFlows')) {
    parsed.release();
  }
  const { value: _value, ...kept } = parsed;
  return { parsed: kept, objects, problems };
}
