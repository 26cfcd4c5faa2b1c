/**
 * The transcript as one printable HTML page for agents. Pure: activities in, a string out.
 * Everything from a record (text, names, ids) is escaped, so what a customer or agent typed is
 * shown as text and never read as markup; the page has no script, link or image, and its only
 * style is inline, so it can be served with a policy that forbids everything else.
 */
import { transcriptEntries, transcriptHeading, type TranscriptActivity, type TranscriptEntry } from './format';

/** The Content-Security-Policy the page is served with: nothing loads, nothing runs, only its own style applies. */
export const TRANSCRIPT_HTML_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** What a page may add after the entries. */
export interface HtmlOptions {
  /** A closing line, e.g. that the transcript was cut. */
  closing?: string;
}

/** Why inline and small: the policy allows no other style, and a printed transcript needs little. */
const STYLE = `
body { font: 15px/1.45 system-ui, sans-serif; color: #1b1b1b; margin: 2em auto; max-width: 50em; padding: 0 1em; }
h1 { font-size: 1.2em; overflow-wrap: anywhere; }
h2 { font-size: 1em; color: #555; margin: 1.5em 0 .5em; }
ol { list-style: none; padding: 0; margin: 0; }
li { margin: .35em 0; padding: .3em .6em; border-left: 4px solid #ccc; break-inside: avoid; }
li.customer { border-color: #5c2d91; }
li.bot { border-color: #0078d4; }
li.agent { border-color: #107c10; }
li.note { border-color: #c19c00; background: #fff8db; font-style: italic; }
li.event { color: #555; }
time { color: #555; font-variant-numeric: tabular-nums; margin-right: .5em; }
.who { font-weight: 600; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
.closing { color: #a4262c; }
@media print { body { margin: 0; max-width: none; font-size: 10pt; } li.note { background: none; } }
`;

/** The transcript as a standalone page: heading, a section per day (UTC), one list item per entry. */
export function formatTranscriptHtml(activities: readonly TranscriptActivity[], options: HtmlOptions = {}): string {
  const heading = escapeHtml(transcriptHeading(activities));
  const body = [`<h1>${heading}</h1>`, ...days(transcriptEntries(activities))];
  if (options.closing !== undefined) body.push(`<p class="closing">${escapeHtml(options.closing)}</p>`);
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${heading}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** A heading and a list for each day the entries span. */
function days(entries: TranscriptEntry[]): string[] {
  const html: string[] = [];
  let day: string | undefined;
  for (const entry of entries) {
    if (entry.iso.slice(0, 10) !== day) {
      if (day !== undefined) html.push('</ol>');
      day = entry.iso.slice(0, 10);
      html.push(`<h2>${escapeHtml(day)} (UTC)</h2>`, '<ol>');
    }
    html.push(item(entry));
  }
  if (day !== undefined) html.push('</ol>');
  return html;
}

function item(entry: TranscriptEntry): string {
  const time = `<time datetime="${escapeHtml(entry.iso)}">${escapeHtml(entry.iso.slice(11, 19))}</time>`;
  const who = entry.label === undefined ? '' : ` <span class="who">${escapeHtml(entry.label)}</span>`;
  const text = entry.lines.length > 0 ? `<div class="text">${escapeHtml(entry.lines.join('\n'))}</div>` : '';
  return `<li class="entry ${entry.kind}">${time}${who}${text}</li>`;
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}
