/**
 * A pasted settings screen or program log ("Server: mail.btinternet.com / Port: 465 / 535 5.7.8
 * Authentication failed / Username: jsmith"): its fields are checked by `screen.ts`, the error it
 * quotes is explained first, and a question asked on a line of its own after it is answered too.
 * Pure: every search is handed in.
 */
import { composeReply, warned, type Reply } from './answers';
import type { KnowledgeBase } from './load';
import { MAX_INPUT } from './normalise';
import { incomingProtocol, readScreen, screenReply } from './screen';
import type { SearchResult } from './search';

/** An SMTP reply code followed by its text ("535 5.7.8 …", "< 554 relay denied"), never a port. */
const LOG_CODE = /(?<![\w.]|port:? ?)([45][0-5]\d)[ -](?=\d\.\d|[a-z])/i;
/** How many lines of a pasted log are looked through for a reply code. */
const LOG_LINE_LIMIT = 60;

/**
 * A pasted settings screen or log: its fields checked one by one against the settings (a wrong host,
 * a wrong port, SSL off), never a generic block that ignores what was pasted; undefined when the
 * text is neither.
 */
export function answerPasted(
  kb: KnowledgeBase,
  text: string,
  search: (text: string) => SearchResult,
  searchPart: (part: string) => SearchResult,
): { result: SearchResult; reply: Reply } | undefined {
  const provider = kb.providers[0];
  const screen = provider && readScreen(text, provider.provider.domains);
  if (!provider || !screen) return undefined;
  const base = search(text);
  const checked = screenReply(screen, provider);
  // Issue 13 (pasted logs): a program's log quotes an error beside its server and port: the error is explained first.
  const lines = text.slice(0, MAX_INPUT).split('\n', LOG_LINE_LIMIT);
  const error = quotedError(lines, searchPart);
  const asked = askedSetting(lines, searchPart);
  const parts = [error && composeReply(error).text, checked.text, asked && composeReply(asked).text];
  const reply = { ...checked, text: parts.filter(Boolean).join('\n\n') };
  const result: SearchResult = {
    kind: 'answer',
    target: { type: 'settings', protocols: [incomingProtocol(screen) ?? 'imap', 'smtp'], attributes: [] },
    confidence: 1,
    slots: base.slots,
    provider,
  };
  return {
    result,
    reply: base.slots.typedSecret ? warned(reply) : reply,
  };
}

/** A setting asked on a line of its own after the log ("what auth method should it use?"), searched alone. */
function askedSetting(lines: readonly string[], search: (text: string) => SearchResult): SearchResult | undefined {
  const question = lines.map((l) => l.trim()).find((l) => l.endsWith('?') && l.length <= 200 && !/[:=]/.test(l));
  const result = question ? search(question) : undefined;
  return result?.kind === 'answer' && result.target.type === 'settings' && result.target.attributes.length > 0
    ? result
    : undefined;
}

/** The error entry for the first reply code a pasted log quotes, found by searching that line alone. */
function quotedError(lines: readonly string[], search: (text: string) => SearchResult): SearchResult | undefined {
  for (const line of lines) {
    const code = LOG_CODE.exec(line)?.[1];
    if (!code) continue;
    const result = search(line.slice(line.indexOf(code), line.indexOf(code) + 200));
    if (result.kind === 'answer' && result.target.type === 'entry' && result.target.entry.kind === 'error')
      return result;
  }
  return undefined;
}
