/** The three export formats side by side: the same conversation, redacted, with ids, times, who and what. */
import type { TranscriptActivity } from '../transcripts/format';
import { renderTranscript, TRANSCRIPT_FORMATS, transcriptFileName, type TranscriptFormat } from '../transcripts/export';
import { TRANSCRIPT_HTML_CSP } from '../transcripts/html';

const PASSWORD = 'Tr0ub4dor&3xyz';
const TYPED = `<script>alert("hi") & 'bye'</script> 👍🏽`;
const WHERE = { channelId: 'directline', conversationId: 'conv:1@x' };
const at = (s: number) => new Date(Date.UTC(2025, 0, 31, 10, 0, s));
const customer = { id: 'u-1', name: 'Customer', role: 'user' };
const bot = { id: 'bot-1', name: 'BT Email help', role: 'bot' };
const base = { type: 'message', channelId: 'directline', conversation: { id: 'conv:1@x' } };

/** Stored records, one never redacted (as if stored before its rule existed). */
const RECORDS: TranscriptActivity[] = [
  { ...base, id: 'm-1', timestamp: at(1), from: customer, recipient: bot, text: TYPED },
  { ...base, id: 'm-2', timestamp: at(2), from: customer, recipient: bot, text: `login me@btinternet.com:${PASSWORD}` },
  { ...base, id: 'm-3', timestamp: at(3), from: bot, recipient: customer, text: 'Port 465' },
  {
    ...base,
    id: 'm-4',
    timestamp: at(4),
    from: bot,
    recipient: customer,
    text: 'Sam here',
    channelData: { handover: { role: 'agent', name: 'Sam' } },
  },
  {
    ...base,
    id: 'm-5',
    timestamp: at(5),
    from: bot,
    recipient: customer,
    text: `their password is ${PASSWORD}`,
    channelData: { handover: { role: 'agent', name: 'Sam', note: true } },
  },
];

/** What each format must show of the records, in its own spelling. */
const EXPECTED: Record<TranscriptFormat, { contentType: RegExp; shows: string[] }> = {
  text: {
    contentType: /^text\/plain; charset=utf-8$/,
    shows: [
      `10:00:01  Customer: ${TYPED}`,
      '10:00:02  Customer: login me@btinternet.com:[redacted]',
      '10:00:03  Bot: Port 465',
      '10:00:04  Agent Sam: Sam here',
      '10:00:05  Agent Sam (internal note): their password is [redacted]',
    ],
  },
  html: {
    contentType: /^text\/html; charset=utf-8$/,
    shows: [
      '<time datetime="2025-01-31T10:00:01.000Z">10:00:01</time> <span class="who">Customer</span>',
      '&lt;script&gt;alert(&quot;hi&quot;) &amp; &#39;bye&#39;&lt;/script&gt; 👍🏽',
      '<li class="entry agent"><time datetime="2025-01-31T10:00:04.000Z">10:00:04</time> <span class="who">Agent Sam</span>',
      '<span class="who">Agent Sam (internal note)</span><div class="text">their password is [redacted]</div>',
    ],
  },
  transcript: {
    contentType: /^application\/json; charset=utf-8$/,
    shows: ['"id": "m-1"', '"timestamp": "2025-01-31T10:00:01.000Z"', '"role": "user"', '👍🏽', '[redacted]'],
  },
};

describe.each(TRANSCRIPT_FORMATS.map((format) => [format] as const))('renderTranscript as %s', (format) => {
  const rendered = renderTranscript(format, RECORDS, WHERE);

  it('has the content type of the format', () => {
    expect(rendered.headers['Content-Type']).toMatch(EXPECTED[format].contentType);
  });

  it('shows the ids, times, speakers and text the format is for', () => {
    for (const part of EXPECTED[format].shows) expect(rendered.body).toContain(part);
  });

  it('never holds the password, though one record was stored unredacted', () => {
    expect(rendered.body).not.toContain(PASSWORD);
    expect(JSON.stringify(rendered.headers)).not.toContain(PASSWORD);
  });

  it('leaves the stored records as they were', () => {
    expect(RECORDS[1]!.text).toContain(PASSWORD);
  });
});

describe('renderTranscript: what only one format does', () => {
  it('the .transcript is a download, its JSON the records redacted, markup characters escaped for any sniffer', () => {
    const { headers, body } = renderTranscript('transcript', RECORDS, WHERE);
    expect(headers['Content-Disposition']).toBe('attachment; filename="directline-conv_1_x.transcript"');
    expect(body).not.toMatch(/[<>]/);
    const parsed = JSON.parse(body) as { id: string; text: string; from: { role: string } }[];
    expect(parsed.map((a) => a.id)).toEqual(['m-1', 'm-2', 'm-3', 'm-4', 'm-5']);
    expect(parsed[0]!.text).toBe(TYPED);
    expect(parsed.map((a) => a.from.role)).toEqual(['user', 'user', 'bot', 'bot', 'bot']);
  });

  it.each(TRANSCRIPT_FORMATS.map((format) => [format] as const))(
    '%s keeps the ids a channel gives, though they look like keys, and redacts the words',
    (format) => {
      const [conversationId, userId] = [
        'a:1xYz9AbCdEfGhIjKlMnOpQrStUvWxYz0123456789',
        '29:1AbCdEfGhIjKlMnOpQrStUvWxYz012345',
      ];
      const record = { ...RECORDS[1]!, conversation: { id: conversationId }, from: { ...customer, id: userId } };
      const { body } = renderTranscript(format, [record], { channelId: 'msteams', conversationId });
      expect(body).toContain(format === 'text' ? `Conversation ${conversationId}` : conversationId);
      if (format === 'transcript') expect(body).toContain(`"id": "${userId}"`);
      expect(body).not.toContain(PASSWORD);
    },
  );

  it('the HTML page comes with its Content-Security-Policy', () => {
    expect(renderTranscript('html', RECORDS, WHERE).headers['Content-Security-Policy']).toBe(TRANSCRIPT_HTML_CSP);
  });

  it.each<[TranscriptFormat, string]>([
    ['text', '… cut after 5 activities\n'],
    ['html', '<p class="closing">… cut after 5 activities</p>'],
  ])('%s ends with the closing line when given one', (format, ending) => {
    expect(renderTranscript(format, RECORDS, WHERE, { closing: '… cut after 5 activities' }).body).toContain(ending);
  });

  it.each<[string, string, string]>([
    ['a plain id', 'abc-123', 'directline-abc-123.transcript'],
    ['a Teams id', '19:ab@thread.tacv2;messageid=1', 'directline-19_ab_thread.tacv2_messageid_1.transcript'],
    ['quotes, slashes and non-ASCII', `a"b/c\\d é`, 'directline-a_b_c_d__.transcript'],
    ['a long id, cut', 'x'.repeat(300), `directline-${'x'.repeat(100)}.transcript`],
  ])('names the download safely for %s', (_name, conversationId, expected) => {
    expect(transcriptFileName({ channelId: 'directline', conversationId })).toBe(expected);
  });
});
