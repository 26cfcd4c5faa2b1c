/**
 * Reaching the customer outside their own turn (an agent's turn, a timer): the built-in Direct
 * Line's adapter for its conversations, the CloudAdapter for every other channel. Both run the
 * adapter's middleware, so what is sent is in the customer's transcript as in a turn of theirs.
 * And the activities the customer gets from an agent: their words with the agent marker
 * (transcripts/format.ts), formatted for the customer's channel.
 */
import type { Activity, ConversationReference, TurnContext } from 'botbuilder';
import { BUILT_IN_DIRECTLINE_SERVICE_URL } from '../../handover/config';
import type { HandoverMarker } from '../../transcripts/format';
import { capText } from '../../transcripts/text-cap';

/** Runs `logic` in a proactive turn of the customer's conversation. */
export type CustomerReach = (
  reference: Partial<ConversationReference>,
  logic: (context: TurnContext) => Promise<void>,
) => Promise<void>;

/** The adapters a proactive turn may go through. */
export interface ReachAdapters {
  /** The CloudAdapter (Bot Framework channels) and the bot's app id ('' in anonymous mode). */
  cloud?: {
    adapter: {
      continueConversationAsync(
        appId: string,
        reference: Partial<ConversationReference>,
        logic: (context: TurnContext) => Promise<void>,
      ): Promise<void>;
    };
    appId?: string;
  };
  /** The built-in Direct Line's adapter (serviceUrl urn:directline:in-process). */
  directLine?: {
    continueConversation(
      reference: Partial<ConversationReference>,
      logic: (context: TurnContext) => Promise<void>,
    ): Promise<void>;
  };
}

/** Thrown when a conversation's channel has no adapter here (a test wired without one). */
export class CustomerUnreachableError extends Error {
  override name = 'CustomerUnreachableError';
}

/** A CustomerReach over the adapters: the built-in Direct Line's conversations by their serviceUrl, others through the cloud. */
export function customerReach(adapters: ReachAdapters): CustomerReach {
  return async (reference, logic) => {
    if (reference.serviceUrl === BUILT_IN_DIRECTLINE_SERVICE_URL) {
      if (!adapters.directLine) throw new CustomerUnreachableError('no built-in Direct Line adapter');
      return adapters.directLine.continueConversation(reference, logic);
    }
    if (!adapters.cloud) throw new CustomerUnreachableError('no Bot Framework adapter');
    return adapters.cloud.adapter.continueConversationAsync(adapters.cloud.appId ?? '', reference, logic);
  };
}

/** The longest agent message relayed, as the 16 KB cap elsewhere. */
export const MAX_RELAY_CHARS = 16 * 1024;

/** What the customer gets from an agent: their words, marked as theirs, in the channel's format. */
export function agentActivity(text: string, from: string, channelId: string): Partial<Activity> {
  const marker: HandoverMarker = { role: 'agent', name: from };
  const teams = channelId === 'msteams';
  return {
    type: 'message',
    // Why: Teams shows the agent's HTML as they wrote it; Web Chat and others render markdown.
    text: teams ? capText(text, MAX_RELAY_CHARS) : htmlToMarkdown(capText(text, MAX_RELAY_CHARS)),
    textFormat: teams ? 'xml' : 'markdown',
    channelData: { handover: marker },
  };
}

/** The note as it stands in the customer's transcript: never sent, marked as a note. */
export function noteActivity(
  text: string,
  agent: { id: string; name: string },
  address: { channelId: string; conversationId: string },
  at: Date,
): Partial<Activity> {
  const marker: HandoverMarker = { role: 'agent', name: agent.name, note: true };
  return {
    type: 'message',
    id: `note-${at.getTime().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
    timestamp: at,
    channelId: address.channelId,
    conversation: { id: address.conversationId } as Activity['conversation'],
    from: { id: agent.id, name: agent.name, role: 'agent' },
    recipient: { id: '', name: '' },
    text: capText(text, MAX_RELAY_CHARS),
    channelData: { handover: marker },
  };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ' };

/** What a tag becomes: line breaks, bold and italic marks; a link's text is wrapped by `[` … `](href)`. */
const TAG_MARKS: Record<string, string> = { br: '\n', '/p': '\n\n', '/div': '\n', b: '**', '/b': '**', strong: '**' };
Object.assign(TAG_MARKS, { '/strong': '**', i: '_', '/i': '_', em: '_', '/em': '_' });

/**
 * Teams' message HTML as markdown: paragraphs and line breaks kept, bold and italic kept, links as
 * [text](url), every other tag dropped, the common entities decoded. A scan rather than a regex:
 * each character is read a bounded number of times, whatever the markup.
 */
export function htmlToMarkdown(html: string): string {
  if (!html.includes('<') && !html.includes('&')) return html;
  let out = '';
  let href: string | undefined;
  for (let at = 0; at < html.length;) {
    const open = html.indexOf('<', at);
    const close = open < 0 ? -1 : html.indexOf('>', open);
    if (close < 0) {
      out += decode(html.slice(at));
      break;
    }
    const tagStart = html.lastIndexOf('<', close);
    out += decode(html.slice(at, tagStart));
    const tag = html.slice(tagStart + 1, close).trim();
    const name = (tag.split(/\s/, 1)[0] ?? '').toLowerCase().replace(/\/$/, '');
    if (name === 'a') [out, href] = [`${out}[`, hrefOf(tag)];
    else if (name === '/a') [out, href] = [href ? `${out}](${href})` : `${out}]`, undefined];
    else out += TAG_MARKS[name] ?? '';
    at = close + 1;
  }
  return out.replace(/\n{3,}/g, '\n\n').trim();
}

function decode(text: string): string {
  return text.includes('&')
    ? text.replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (_m, e: string) => ENTITIES[e] ?? '')
    : text;
}

function hrefOf(tag: string): string | undefined {
  const at = tag.toLowerCase().indexOf('href="');
  const end = at < 0 ? -1 : tag.indexOf('"', at + 6);
  return end < 0 ? undefined : tag.slice(at + 6, end);
}
