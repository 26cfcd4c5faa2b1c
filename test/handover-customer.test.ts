/** What a customer gets from an agent (their formatting, for the customer's channel), and quiet turns without typing. */
import { TestAdapter, type Activity } from 'botbuilder';
import { agentActivity, htmlToMarkdown } from '../bots/handover/customer';
import { markQuiet, typingIndicator } from '../bots/typing';

describe('htmlToMarkdown: Teams HTML as the markdown Web Chat renders', () => {
  it.each<[string, string]>([
    ['plain text', 'plain text'],
    ['<p>Hi <b>there</b></p>', 'Hi **there**'],
    ['<p>one</p><p>two<br>three</p>', 'one\n\ntwo\nthree'],
    ['<em>really</em> &amp; <strong>truly</strong>', '_really_ & **truly**'],
    ['see <a href="https://bt.com/help" title="x">BT Help</a>', 'see [BT Help](https://bt.com/help)'],
    ['1 &lt; 2 &gt; 0 &quot;q&quot; &#39;s&#39;', `1 < 2 > 0 "q" 's'`],
    ['<script>alert(1)</script>text', 'alert(1)text'],
    ['a &lt; b and c &gt; d', 'a < b and c > d'],
    ['unclosed <b', 'unclosed <b'],
  ])('%j → %j', (html, markdown) => {
    expect(htmlToMarkdown(html)).toBe(markdown);
  });

  it('reads hostile markup in one pass (a long run of "<" comes back as it was)', () => {
    const hostile = '<'.repeat(100_000);
    expect(htmlToMarkdown(hostile)).toBe(hostile);
  });
});

describe('agentActivity', () => {
  it.each<[string, Partial<Activity>]>([
    ['msteams', { text: '<p>Hi <b>Pat</b></p>', textFormat: 'xml' }],
    ['directline', { text: 'Hi **Pat**', textFormat: 'markdown' }],
  ])('on %s keeps the formatting the channel shows, and marks it as the agent’s', (channelId, expected) => {
    expect(agentActivity('<p>Hi <b>Pat</b></p>', 'Jane', channelId)).toMatchObject({
      ...expected,
      channelData: { handover: { role: 'agent', name: 'Jane' } },
    });
  });
});

describe('typingIndicator in a quiet turn', () => {
  it.each<[string, boolean, string[]]>([
    ['an ordinary slow turn shows typing', false, ['typing', 'message']],
    ['a quiet turn (the customer is with a person) shows none', true, ['message']],
  ])('%s', async (_name, quiet, types) => {
    const adapter = new TestAdapter(async (context) => {
      if (quiet) markQuiet(context);
      await new Promise((resolve) => setTimeout(resolve, 60));
      await context.sendActivity('done');
    }).use(typingIndicator(0, 1000));
    await adapter.send('hello').startTest();
    expect(adapter.activeQueue.map((a) => a.type)).toEqual(types);
  });
});
