/** Issue 13, conversation flow: the walkthrough offered and accepted, stray navigation, follow-ups read from context. */
import { createAnswerer } from '../knowledge';
import { last, newAdapter, say } from './helpers/talk';

const answerer = createAnswerer();

const NOT_SURE = /not sure about that/;
const STARTED = /Step [12] of 6/;

describe('a request to move from POP to IMAP starts the walkthrough, or offers it and a yes accepts', () => {
  it.each([
    ['change my account over to IMAP', 'yes'],
    ['make it IMAP instead of POP', 'ok'],
    ['Could you swap my btinternet mail over to imap please', 'next'],
    ['i need my email on imap rather than pop3 now', 'yes please'],
    ['convert my account to IMAP', 'go ahead'],
    ['I would like my talk21 account changed from POP to IMAP', 'sure'],
  ])('%s, then %s', async (request, yes) => {
    const adapter = newAdapter();
    expect(await say(adapter, request)).toMatch(/Step 1 of 6|\[Switch from POP to IMAP\]/);
    expect(await say(adapter, yes)).toMatch(STARTED);
  });

  it.each([
    ['what is the imap port', 'yes'],
    ['what is the smtp server', 'ok'],
    ['how do imap and pop differ', 'Yes, that helped'],
    ['is imap better than pop', 'yes'],
  ])('no offer, no walkthrough: %s, then %s', async (question, yes) => {
    expect(await last([question, yes])).not.toMatch(/Step \d of 6/);
  });
});

describe('"next", "back" or "step 2" with no walkthrough under way', () => {
  it.each(['next', 'Back', 'step 2', 'go to step 4', 'next step please', "what's next?", 'previous', 'go back'])(
    '%s says what it could mean and offers the walkthrough',
    async (text) => {
      const out = await last([text]);
      expect(out).toMatch(/walkthrough[\s\S]*\[Switch POP to IMAP\]/);
      expect(out).not.toMatch(NOT_SURE);
    },
  );

  it.each(['yes', 'ok', 'yes please'])('then %s starts it', async (yes) => {
    expect(await last(['next', yes])).toMatch(STARTED);
  });

  it.each(['ok', 'back up my emails before switching', 'step 3 says port 995, is that right?'])(
    'not stray navigation: %s',
    async (text) => {
      expect(await last([text])).not.toMatch(/no walkthrough/);
    },
  );
});

describe('a yes/no verdict only when a yes/no question was asked about a value', () => {
  it.each([
    'No, the server is mail.btinternet.com',
    'nope its set to port 465 already',
    "I've got 993 in there for imap",
    'no the smtp server is mail.btinternet.com, same as incoming',
    'my smtp port is 465',
    'Already using port 993 for IMAP',
  ])('a stated value is confirmed without "Yes" or "No": %s', (text) => {
    const reply = answerer.ask(text).reply.text;
    expect(reply).toMatch(/^What you have is right: /);
    expect(reply).not.toMatch(/\b(Yes|No) —/);
  });

  it.each([
    ['is 465 right for sending?', /^Yes — port 465 is right\./],
    ['should the imap port be 993', /^Yes — port 993 is right\./],
    ['is my smtp port 587 ok?', /^No — use port 465\./],
    ['my smtp port is 587', /^Use port 465\./],
  ])('a question (or a wrong value) keeps its verdict: %s', (text, expected) => {
    expect(answerer.ask(text).reply.text).toMatch(expected);
  });
});

describe('"it still doesn\'t work" after an answer reaches the next checks, then a person', () => {
  const SEND_CHECKS = /Sending problems[\s\S]*authentication on/;
  const RECEIVE_CHECKS = /can't fetch mail[\s\S]*SPA\) off/;
  const PERSON = /(support team|talk to a person)[\s\S]*\[Talk to a person\]/;
  it.each<[string[], RegExp]>([
    [['what is the smtp port', "it still doesn't work"], SEND_CHECKS],
    [['outgoing server name?', 'still no luck, same problem'], SEND_CHECKS],
    [['whats the imap server', 'nope, still nothing'], RECEIVE_CHECKS],
    [['pop3 port please', 'didnt work'], RECEIVE_CHECKS],
    [['what is the smtp port', 'it still fails', 'STILL not working!!'], PERSON],
    [['imap settings for my ipad', 'that made no difference'], RECEIVE_CHECKS],
    [['my outlook wont send', 'Yes, that helped', 'oh wait, it still fails'], PERSON],
  ])('%j', async (messages, expected) => {
    const out = await last(messages);
    expect(out).toMatch(expected);
    expect(out).not.toMatch(NOT_SURE);
    expect(out).not.toMatch(/AdaptiveCard/);
  });

  it.each([
    ['what is the smtp port', 'does it still need ssl?', /SSL/],
    ['what is the imap server', 'and the port?', /993/],
  ])('a question after an answer is still a question: %s, %s', async (first, second, expected) => {
    expect(await last([first, second])).toMatch(expected);
  });
});

describe('context decides follow-ups', () => {
  it.each<[string[], RegExp, RegExp]>([
    // After IMAP was recommended, a bare setting question is about IMAP.
    [['should I use imap or pop?', 'which port then?'], /\b993\b/, /\b995\b|\b465\b/],
    [['which is better, imap or pop3', 'ok what port do i use'], /\b993\b/, /\b995\b|\b465\b/],
    [['Is IMAP better than POP for me?', 'and which encryption'], /SSL/, /\b995\b/],
    // "What about sending?" after the incoming server: the outgoing server, also mid-walkthrough.
    [
      ['whats the incoming server', 'what about sending?'],
      /outgoing \(SMTP\) server is mail\.btinternet\.com/,
      /AdaptiveCard/,
    ],
    [
      ['switch pop to imap', 'Outlook', 'what about sending?'],
      /outgoing \(SMTP\) server is mail\.btinternet\.com[\s\S]*465[\s\S]*Step 2 of 6/,
      /AdaptiveCard/,
    ],
    [
      ['switch pop to imap on my iphone', 'Next', 'and for outgoing mail?'],
      /outgoing \(SMTP\) server is mail\.btinternet\.com[\s\S]*465[\s\S]*Step 2 of 6/,
      /AdaptiveCard/,
    ],
    // "A login for that?" after an SMTP question is SMTP authentication.
    [['whats the smtp server', 'and a login for that?'], /SMTP authentication|requires authentication/, /not sure/],
    [['outgoing port?', 'do i need to log in for that'], /requires authentication/, /not sure/],
    [['what is the smtp server', 'does it need me to sign in?'], /requires authentication/, /not sure/],
  ])('%j', async (messages, expected, forbidden) => {
    const out = await last(messages);
    expect(out).toMatch(expected);
    expect(out).not.toMatch(forbidden);
  });

  it.each<[string[], RegExp]>([
    // Without that context, the same words keep their old meaning.
    [['which port then?'], /993[\s\S]*995/],
    [['what is the imap server', 'and a login for that?'], /^(?![\s\S]*requires authentication)/],
    [['smtp server', 'and the password?'], /BT Email password/],
    [['what about sending?'], /SMTP/],
  ])('no such context: %j', async (messages, expected) => {
    expect(await last(messages)).toMatch(expected);
  });
});

describe('inside the walkthrough, its own questions get its own answers', () => {
  const KEEP_LOCAL = /kept only on that computer[\s\S]*Step 2 of 6/;
  const REMOVE_POP = /remove the POP account[\s\S]*every device[\s\S]*Step 2 of 6/;
  it.each<[string, RegExp]>([
    ["will I lose the mail that's only on my computer?", KEEP_LOCAL],
    ['what happens to my old emails stored on the laptop', KEEP_LOCAL],
    ['am i going to lose all my messages', KEEP_LOCAL],
    ['should I delete the old account on my phone too?', REMOVE_POP],
    ['do i have to get rid of the pop account on my ipad as well', REMOVE_POP],
  ])('%s', async (question, expected) => {
    const out = await last(['switch pop to imap', 'Outlook', question]);
    expect(out).toMatch(expected);
    expect(out).not.toMatch(/AdaptiveCard/);
  });

  it.each<[string, RegExp]>([
    // Sharing only "mail" with a walkthrough question is no match for it.
    ['and for outgoing mail?', /outgoing \(SMTP\) server is mail\.btinternet\.com/],
    ['what about the incoming mail port', /993/],
  ])('not its question: %s', async (question, expected) => {
    const out = await last(['switch pop to imap', 'Outlook', question]);
    expect(out).toMatch(expected);
    expect(out).not.toMatch(/kept only on that computer/);
  });

  it("only the walkthrough's listed questions, from the knowledge, are answered first", () => {
    const walkthrough = answerer.knowledge.providers[0]!.walkthroughs[0]!;
    const ids = new Set(answerer.knowledge.providers[0]!.entries.map((e) => e.id));
    expect(walkthrough.faqs.length).toBeGreaterThan(0);
    expect(walkthrough.faqs.filter((id) => !ids.has(id))).toEqual([]);
  });
});

describe('an opening "no" is an answer, not "no SSL"', () => {
  it.each(['No, SSL is on', 'nope ssl is already ticked', 'no the ssl is enabled', 'No - TLS is on'])(
    '%s is confirmed, not corrected',
    (text) => {
      const reply = answerer.ask(text).reply.text;
      expect(reply).toMatch(/^What you have is right: SSL/);
      expect(reply).not.toMatch(/^Use |\b(Yes|No) —/);
    },
  );

  it.each(['no ssl?', 'can I use no ssl', 'is it ok with no encryption'])('%s still asks about no SSL', (text) => {
    // Issue 13 (webmail-ssl): SSL said off is answered by why SSL must be on ("SSL (SSL/TLS) must be on …").
    expect(answerer.ask(text).reply.text).toMatch(/^(No — use|Use) SSL|^(No — )?SSL \(SSL\/TLS\) must be on/);
  });
});
