/** The printable HTML transcript: every character anyone typed shown as text, nothing fetched, nothing run. */
import type { TranscriptActivity } from '../transcripts/format';
import { formatTranscriptHtml, TRANSCRIPT_HTML_CSP } from '../transcripts/html';

const conversation = { id: 'c-42' };
const customer = { id: 'u1', name: 'Customer', role: 'user' };
const bot = { id: 'bot', name: 'BT Email help', role: 'bot' };
const at = (s: number) => new Date(Date.UTC(2025, 0, 31, 23, 59, s)).toISOString();

function said(text: string, from = customer, channelData?: unknown): TranscriptActivity[] {
  return [{ type: 'message', timestamp: at(1), channelId: 'webchat', conversation, from, text, channelData }];
}

/** What an entry's text block holds; undefined unless it is text with no markup, quote or apostrophe left. */
function textOf(entry: string): string | undefined {
  return /<div class="text">([^<>"']*)<\/div>/.exec(entry)?.[1];
}

/** The one entry of a one-activity transcript. */
function entryOf(html: string): string {
  const entries = html.match(/<li class="[^"]*">[^]*?<\/li>/g) ?? [];
  expect(entries).toHaveLength(1);
  return entries[0]!;
}

describe('formatTranscriptHtml', () => {
  it.each<[string, string, string]>([
    ['a script tag', '<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    [
      'an image with an event handler',
      '<img src=x onerror="alert(1)">',
      '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;',
    ],
    ['ampersands and entities', 'Tom & Jerry &amp; &lt;b&gt;', 'Tom &amp; Jerry &amp;amp; &amp;lt;b&amp;gt;'],
    ['single and double quotes', `it's "quoted"`, 'it&#39;s &quot;quoted&quot;'],
    ['a closing textarea and a comment', '</div></li><!-- x -->', '&lt;/div&gt;&lt;/li&gt;&lt;!-- x --&gt;'],
    ['emoji and accents, as they are', 'Merci 👍🏽 café ✉️', 'Merci 👍🏽 café ✉️'],
  ])("shows %s in a customer's message as text", (_name, typed, shown) => {
    const entry = entryOf(formatTranscriptHtml(said(typed)));
    expect(textOf(entry)).toBe(shown);
  });

  it.each<[string, TranscriptActivity[], string, string]>([
    ['the customer', said('hi'), 'customer', 'Customer'],
    ['the bot', said('Hello!', bot), 'bot', 'Bot'],
    ["an agent's message", said('Sam here', bot, { handover: { role: 'agent', name: 'Sam' } }), 'agent', 'Agent Sam'],
    [
      'an internal note',
      said('on Outlook', bot, { handover: { role: 'agent', name: 'Sam', note: true } }),
      'note',
      'Agent Sam (internal note)',
    ],
    [
      "an agent's name that holds markup",
      said('hi', bot, { handover: { role: 'agent', name: '<b onclick="x()">Eve</b>' } }),
      'agent',
      'Agent &lt;b onclick=&quot;x()&quot;&gt;Eve&lt;/b&gt;',
    ],
  ])('labels %s and marks its kind', (_name, activities, kind, label) => {
    const entry = entryOf(formatTranscriptHtml(activities));
    expect(entry).toMatch(new RegExp(`^<li class="entry ${kind}">`));
    expect(entry).toContain(`<span class="who">${label}</span>`);
    expect(entry).toContain('<time datetime="2025-01-31T23:59:01.000Z">23:59:01</time>');
  });

  it('gives the heading, a line for each day, and the closing line, all escaped', () => {
    const activities: TranscriptActivity[] = [
      { ...said('one')[0]!, conversation: { id: 'a&b<c>' } },
      { type: 'message', timestamp: '2025-02-01T00:00:02Z', from: bot, text: 'two' },
    ];
    const html = formatTranscriptHtml(activities, { closing: '… cut after 2 activities <x>' });
    expect(html).toContain('<title>Conversation a&amp;b&lt;c&gt; on webchat: 2 activities</title>');
    expect(html).toContain('<h1>Conversation a&amp;b&lt;c&gt; on webchat: 2 activities</h1>');
    expect(html.indexOf('<h2>2025-01-31 (UTC)</h2>')).toBeLessThan(html.indexOf('<h2>2025-02-01 (UTC)</h2>'));
    expect(html).toContain('<p class="closing">… cut after 2 activities &lt;x&gt;</p>');
  });

  it('keeps the lines of a message and names cards and buttons', () => {
    const html = formatTranscriptHtml([
      {
        ...said('Step 1\n\nOpen settings', bot)[0]!,
        suggestedActions: { actions: [{ title: 'Next' }, { title: 'Back' }] },
      },
    ]);
    expect(entryOf(html)).toContain('<div class="text">Step 1\n\nOpen settings\n[buttons] Next | Back</div>');
  });

  it('is a whole UTF-8 page that loads nothing from anywhere and has no script, event handler or link', () => {
    const html = formatTranscriptHtml(said('<a href="https://evil.example/">x</a>'));
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    const tags = html.match(/<[^<>]*>/g) ?? [];
    expect(tags.length).toBeGreaterThan(10);
    expect(tags.filter((tag) => /^<(script|link|img|iframe|object|embed|a|base|form|svg)\b/i.test(tag))).toEqual([]);
    expect(tags.filter((tag) => /\s(src|href|style|on[a-z]+)=/i.test(tag))).toEqual([]);
    expect(html).not.toMatch(/url\(|@import|<a /);
    expect(html).toContain('@media print');
  });

  it('answers with a policy that blocks every resource but its own inline style', () => {
    expect(TRANSCRIPT_HTML_CSP).toContain("default-src 'none'");
    expect(TRANSCRIPT_HTML_CSP).toContain("style-src 'unsafe-inline'");
    expect(TRANSCRIPT_HTML_CSP).not.toMatch(/script-src|\*|https?:/);
  });

  it('renders an empty transcript as a page that says so', () => {
    expect(formatTranscriptHtml([])).toContain('<h1>Empty transcript</h1>');
  });
});
