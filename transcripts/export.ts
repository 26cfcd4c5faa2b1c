/**
 * One conversation's transcript in the format an agent asks for: the Emulator's `.transcript`, readable
 * text, or a printable HTML page. Pure; the same renderers serve the API and `npm run transcript`.
 */
import { toEmulatorTranscript, type TranscriptWhere } from './emulator';
import { formatTranscript, type TranscriptActivity } from './format';
import { formatTranscriptHtml, TRANSCRIPT_HTML_CSP } from './html';
import { redactActivity } from './redact-activity';

/** The formats a transcript can be had in; `text` is the default. */
export const TRANSCRIPT_FORMATS = ['transcript', 'text', 'html'] as const;
export type TranscriptFormat = (typeof TRANSCRIPT_FORMATS)[number];

/** True for a name in TRANSCRIPT_FORMATS. */
export function isTranscriptFormat(name: string): name is TranscriptFormat {
  return (TRANSCRIPT_FORMATS as readonly string[]).includes(name);
}

/** A rendered transcript: the headers it must be served with (its type, and per format more), and the body. */
export interface RenderedTranscript {
  headers: Record<string, string>;
  body: string;
}

/** What a rendering may add: a closing line (e.g. that the transcript was cut) for the formats people read. */
export interface RenderOptions {
  closing?: string;
}

/**
 * The activities, redacted but for their addressing, in the format. Why redact here: a record stored before a rule
 * existed must not leave in clear, whichever way it leaves.
 */
export function renderTranscript(
  format: TranscriptFormat,
  activities: readonly TranscriptActivity[],
  where: TranscriptWhere,
  options: RenderOptions = {},
): RenderedTranscript {
  const redacted = activities.map((activity) => redactActivity(activity));
  switch (format) {
    case 'transcript':
      return {
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          'Content-Disposition': `attachment; filename="${transcriptFileName(where)}"`,
        },
        body: `${jsonWithoutMarkup(toEmulatorTranscript(redacted, where))}\n`,
      };
    case 'html':
      return {
        headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': TRANSCRIPT_HTML_CSP },
        body: formatTranscriptHtml(redacted, options),
      };
    case 'text': {
      const closing = options.closing === undefined ? '' : `${options.closing}\n`;
      return { headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: formatTranscript(redacted) + closing };
    }
  }
}

/** `CHANNEL-CONVERSATION.transcript`, every character but letters, digits, ".", "_" and "-" made "_", the id cut at 100. */
export function transcriptFileName(where: TranscriptWhere): string {
  const safe = (text: string, max: number) => text.slice(0, max).replace(/[^A-Za-z0-9._-]/g, '_');
  return `${safe(where.channelId, 64)}-${safe(where.conversationId, 100)}.transcript`;
}

/** Why: a browser sniffing a JSON download as HTML would find no tag in it; JSON.parse reads the same values. */
function jsonWithoutMarkup(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
}
