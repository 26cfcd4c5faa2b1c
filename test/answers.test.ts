/** Reply rules: what an answer must and must not say. */
import { createAnswerer } from '../knowledge';
import { composeReply } from '../knowledge/answers';
import { createSearcher } from '../knowledge/search';

const answerer = createAnswerer();
const say = (q: string) => answerer.ask(q).reply;

describe('one-fact answers', () => {
  it.each([
    ['what port for smtp', [/\b465\b/, /SSL/, /not STARTTLS/], [/\b99[35]\b/]],
    ['imap port', [/\b993\b/, /SSL/], [/\b995\b/, /\b465\b/]],
    ['pop3 port', [/\b995\b/], [/\b993\b/, /\b465\b/]],
    // Issue 13 (context): a server asked for alone comes with its own port and encryption, not the other sides'.
    ['imap server', [/mail\.btinternet\.com/, /\b993\b/, /SSL/], [/\b995\b/, /\b465\b/]],
    ['username for bt email', [/full email address/], []],
    ['which password for sending', [/BT Email password/, /never ask/], []],
    ['smtp authentication method', [/PLAIN/, /My server requires authentication/], []],
    ['imap folder separator', [/full stop/], []],
    ['imap root folder', [/blank/], []],
    ['recommended imap folders', [/Trash/, /Sent Items/, /Drafts/], []],
    ['where does pop collect mail from', [/Inbox/], []],
  ])('%j', (q, expected, forbidden) => {
    const { text } = say(q);
    for (const e of expected) expect(text).toMatch(e);
    for (const f of forbidden) expect(text).not.toMatch(f);
  });
});

describe('whole blocks', () => {
  it('gives all IMAP settings plus the SMTP settings IMAP needs', () => {
    const reply = say('all imap settings');
    expect(reply.text).toMatch(/993/);
    expect(reply.text).toMatch(/465/);
    expect(reply.text).toMatch(/Trash, Sent Items, Drafts/);
    expect(reply.text).not.toMatch(/995/);
    expect(reply.card?.sections.map((s) => s.heading)).toEqual([
      'IMAP (incoming)',
      'SMTP (outgoing)',
      'Sign-in (every server)',
    ]);
  });

  it('gives POP3 with SMTP', () => {
    const reply = say('pop settings');
    expect(reply.text).toMatch(/995/);
    expect(reply.text).toMatch(/465/);
    expect(reply.text).not.toMatch(/993/);
  });
});

describe('yes/no checks', () => {
  it.each([
    ['Is 587 right for sending?', /^No — use port 465\./],
    ['is 465 right for sending?', /^Yes — port 465 is right\./],
    ['someone told me pop uses 110, is that right for bt?', /^No — use port 995\./],
    ['993 or 143 for imap?', /^Use port 993\./],
    ['Is it pop.btinternet.com for incoming mail?', /^No — use mail\.btinternet\.com\./],
    ['is STARTTLS ok on the outgoing?', /^No — use SSL \(SSL\/TLS\), not STARTTLS\./],
    ['what auth mechanism for outgoing - plain?', /^Yes — PLAIN/],
    // Asking what a value is for gets what it is for, not a "Yes" to a question not asked.
    ['what is port 993 for?', /^IMAP \(incoming\): port 993/],
    ['what uses port 465', /^SMTP \(outgoing\): port 465/],
    ['what is port 587 for', /^Use port 465\./],
    ['ssl or tls for btinternet?', /^SSL is right\./],
    // SSL turned off proposes no encryption, which is wrong
    ['can I turn off ssl', /^No — SSL \(SSL\/TLS\) must be on/],
    ['can I use imap without ssl?', /^No — SSL \(SSL\/TLS\) must be on/],
    ['ssl is unticked, is that ok', /^No — SSL \(SSL\/TLS\) must be on/],
    ['what is the non ssl port for imap', /^Use SSL \(SSL\/TLS\)\. IMAP \(incoming\): port 993/],
    ['Do I need to tick SSL for smtp?', /^Yes — SSL is right\./],
    ['Can I use port 587 with STARTTLS?', /^No — use port 465 and SSL \(SSL\/TLS\), not STARTTLS\./],
    [
      'imap keeps timing out, security is set to starttls with port 993',
      /^Use SSL.*not STARTTLS\. \(Port 993 is right\.\)/,
    ],
  ])('%j', (q, pattern) => {
    expect(say(q).text).toMatch(pattern);
  });

  it('never repeats a wrong host name back', () => {
    expect(say('is it smtp.btinternet.com for sending?').text).not.toMatch(/smtp\.btinternet\.com/);
  });
});

describe('other results', () => {
  it('asks which protocol for an incoming port, showing both', () => {
    const reply = say('incoming port');
    expect(reply.text).toMatch(/993/);
    expect(reply.text).toMatch(/995/);
    expect(reply.suggestions.map((s) => s.title)).toEqual(['IMAP', 'POP3', 'How do I tell?']);
  });

  it.each([
    ['gmail smtp port', /only help with BT Email/],
    ['Why is my wifi so slow tonight?', /not broadband, TV/],
    ['reset my password', /can't see, reset or change passwords/],
    ['Who won the football last night?', /not sure/],
  ])('declines %j without any setting', (q, pattern) => {
    const reply = say(q);
    expect(reply.text).toMatch(pattern);
    expect(reply.text).not.toMatch(/\b(465|993|995|587|143|110|25)\b/);
    expect(reply.suggestions.map((s) => s.title)).toContain('Talk to a person');
  });

  it('explains an error with meaning, fix and further checks', () => {
    const { text } = say('error 530');
    expect(text).toMatch(/log in before/);
    expect(text).toMatch(/How to fix it: .*My server requires authentication/s);
    // A Markdown list, so Web Chat and Teams show one check per line.
    expect(text).toMatch(/If it still fails, check:\n- The username[^\n]*\n- /);
  });

  it('says when it does not know an error number', () => {
    expect(say('0x800CCC0F when sending').text).toMatch(/^I don't have that error number/);
  });
});

describe('every reply', () => {
  const searcher = createSearcher(answerer.knowledge);
  const provider = answerer.knowledge.providers[0]!;

  it.each(provider.entries.map((e) => [e.id, e.questions[0]!]))('entry %s has filled text and a source', (_id, q) => {
    const reply = composeReply(searcher.search(q));
    expect(reply.text.length).toBeGreaterThan(20);
    expect(reply.text).not.toMatch(/\{[a-z0-9]+\.[a-z]+\}|undefined|\[object Object\]/);
    expect(reply.text).toMatch(/\n\nSource: /);
  });

  it.each([
    ['my password is Hunter2!x whats the smtp port', 'Hunter2'],
    ['pw: s3cr3tP@ss imap server?', 's3cr3tP'],
    ["I've tried the password Summer2024!bt loads of times and still get 530", 'Summer2024'],
    ['username bob@btinternet.com and password letmein99 not working', 'letmein99'],
    ['<script>alert(1)</script> pop port', '<script'],
  ])('never repeats what the customer typed: %j', (q, secret) => {
    const reply = say(q);
    expect(JSON.stringify(reply)).not.toContain(secret);
  });

  it('does not mistake a question about the password field for a typed password', () => {
    expect(say('For the password field in my mail app, which password is it meant to be?').text).not.toMatch(
      /don't share/,
    );
    expect(say('my password is wrong apparently').text).not.toMatch(/don't share/);
  });

  it('warns a customer who typed a password, without repeating it', () => {
    const { text } = say('my password is Hunter2 whats the smtp port');
    expect(text).toMatch(/^Please don't share your password/);
    expect(text).toMatch(/465/);
    expect(say('what password do I use').text).not.toMatch(/don't share/);
  });

  // Whatever transcript redaction would remove counts as typed, however it was put.
  it.each([
    ["here's my login: bob@btinternet.com pass hunter2", 'hunter2'],
    ['bob@btinternet.com:Secret99 is what I use', 'Secret99'],
    ['username bob@btinternet.com password Secret99', 'Secret99'],
    ["pw: hunter22 why won't it work", 'hunter22'],
  ])('warns about a password typed as %j', (q, secret) => {
    const reply = say(q);
    expect(reply.text).toMatch(/^Please don't share your password/);
    expect(JSON.stringify(reply)).not.toContain(secret);
  });

  it.each([[''], ['   '], ['😀'], ['x'.repeat(10_000)], ['smtp '.repeat(2000)]])('answers hostile input %#', (q) => {
    expect(say(q).text.length).toBeGreaterThan(0);
  });
});
