/**
 * "Copy as YAML" on the insights page: a knowledge entry skeleton for a group of unanswered questions, its examples
 * as the entry's alternate questions, ready to paste under `entries:` in knowledge/data/*.yaml. The answer, title
 * and source stay TODO for the editor, and `npm run knowledge:check` refuses the entry until they are filled in.
 */
import { Document } from 'yaml';
import type { UnansweredGroup } from './report';

export type { UnansweredGroup } from './report';

/** How much of a group goes into a skeleton. */
export const SKELETON_LIMITS = { examples: 10, exampleLength: 200, idLength: 40 } as const;

/** The entry skeleton's YAML, indented two spaces as an item of the knowledge file's `entries:` list. */
export function entrySkeleton(group: UnansweredGroup): string {
  const doc = new Document([
    {
      id: `todo-${slug(group.key)}`,
      kind: 'topic',
      title: 'TODO: a short title',
      questions: questionsOf(group),
      keywords: [],
      answer: 'TODO: the answer, in the words of the source below.',
      source: 'TODO',
      evidence: ['TODO: a quote from the source that says this'],
    },
  ]);
  doc.commentBefore = commentOf(group);
  return doc
    .toString({ lineWidth: 0, singleQuote: true })
    .trimEnd()
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => `  ${line}`)
    .join('\n');
}

/** What the group was and which entry came nearest, so the editor can decide to extend that one instead. */
function commentOf(group: UnansweredGroup): string {
  const times = group.count === 1 ? 'once' : `${group.count} times`;
  const nearest = group.nearest ? `${group.nearest.id} ("${oneLine(group.nearest.question)}")` : 'none';
  return [
    ` Unanswered ${times} ("${oneLine(group.key)}"); nearest entry: ${nearest}.`,
    ' Fill in the TODOs (source: an id from sources:), then run npm run knowledge:check.',
  ].join('\n');
}

/** The examples, one line each, lower case, without repeats; the group's key when there are none. */
function questionsOf(group: UnansweredGroup): string[] {
  const seen = new Set<string>();
  for (const example of group.examples.length > 0 ? group.examples : [group.key]) {
    const line = oneLine(example).toLowerCase();
    if (line !== '' && seen.size < SKELETON_LIMITS.examples) seen.add(line);
  }
  return seen.size > 0 ? [...seen] : ['TODO: a question customers ask'];
}

/** Text on one line: control characters (line breaks included) become spaces; bounded before any regex. */
function oneLine(text: string): string {
  const bounded = text.slice(0, SKELETON_LIMITS.exampleLength);
  return Array.from(bounded, (c) => (isControl(c) ? ' ' : c))
    .join('')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** C0 and C1 controls and the Unicode line and paragraph separators. */
function isControl(c: string): boolean {
  const code = c.codePointAt(0) ?? 0;
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029;
}

/** An entry id from the group's key: lower-case words joined by -. */
function slug(key: string): string {
  const words = key
    .slice(0, 200)
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let id = words.join('-').slice(0, SKELETON_LIMITS.idLength);
  while (id.endsWith('-')) id = id.slice(0, -1);
  return id || 'new-entry';
}
