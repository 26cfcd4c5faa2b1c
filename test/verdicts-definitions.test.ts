/**
 * Issue 13 (verdicts, definitions): either/or questions about a box get the option that is right, never a
 * bare yes or no; a wrong value asked to be acceptable gets a clear no from the knowledge, said once; what a
 * name means or stands for gets its definition (only as the sources spell it out), not a settings card; "the
 * number" of something is its port alone.
 */
import { last } from './helpers/talk';

const CARD = /application\/vnd\.microsoft\.card\.adaptive/;
const NOT_SURE = /not sure about that|Did you mean/;

/** A bare yes or no given as a verdict anywhere in the reply. */
const ANY_VERDICT = /(^|\n)(Yes|No)\b|\b(Yes|No) —/;

describe('either/or about a box: the option that is right, never a yes or no', () => {
  it.each<[string, RegExp]>([
    ['ssl on or off?', /^On — tick it\. Use SSL on/],
    ['should encryption be on or off for outgoing', /^On — tick it\. Use SSL on .*SMTP \(port 465\)/],
    ['tick the ssl box or not', /^On — tick it\. Use SSL on/],
    ['is SMTP auth needed or not', /^On — tick it\. SMTP \(outgoing\) authentication is required/],
    ['ssl yes or no for imap', /^On — tick it\. Use SSL on .*IMAP \(port 993\)/],
    ['do i tick use ssl or leave it', /^On — tick it\./],
    ['encryption on or off for pop3 please', /^On — tick it\. Use SSL on .*POP3 \(port 995\)/],
    ['smtp authentication - tick or untick?', /^On — tick it\. SMTP \(outgoing\) authentication is required/],
    ['outgoing server requires authentication on or off', /^On — tick it\./],
    ['SSL ENABLED OR DISABLED FOR INCOMING???', /^On — tick it\. Use SSL on/],
    ['should i use ssl or not', /^On — tick it\./],
    ['is encryption needed or not on the iphone', /^On — tick it\. SSL \(SSL\/TLS\) must be on/],
    ['my server requires authentication tickbox yes or no', /^On — tick it\./],
    ['ssl for sending on or off pls', /^On — tick it\. Use SSL on .*SMTP/],
    ['do i enable ssl or not for imap', /^On — tick it\./],
    ['spa ticked or not?', /^Off — leave it unticked\./],
    ['hiya, setting up my late husbands old laptop, the ssl thing, does it want to be on or off', /^On — tick it\./],
    ['SSL - ON or OFF?? just tell me straight', /^On — tick it\./],
    ['encription on or off for sendin', /^On — tick it\. Use SSL on .*SMTP/],
    ['do i need the ssl tickbox ticked or unticked for incoming mail', /^On — tick it\./],
    ['use ssl: yes/no ?', /^On — tick it\./],
    ['im confused, ssl on or not for outlook', /^On — tick it\./],
    ['tick or dont tick "requires authentication"', /^On — tick it\. SMTP \(outgoing\) authentication/],
    ['encryption on/off?', /^On — tick it\./],
    ['SMTP AUTH: ENABLE OR DISABLE', /^On — tick it\./],
    ['should the ssl be enabled or disabled for imap', /^On — tick it\. Use SSL on .*IMAP/],
    // A port beside it: the option first; a wrong port is still corrected.
    ['SSL/TLS on or off for port 465?', /^On — tick it\. SMTP \(outgoing\): port 465/],
    ['Is need to put the SSL or not for the port 993?', /^On — tick it\. IMAP \(incoming\): port 993/],
    ['ssl on or off for port 587', /^On — tick it\. Use port 465\./],
  ])('%s', async (message, option) => {
    const reply = await last([message]);
    expect(reply).toMatch(option);
    expect(reply).not.toMatch(ANY_VERDICT);
  });

  it.each<[string[], RegExp]>([
    [['what is spa', 'so tick it or not?'], /^Off — leave it unticked\./],
    [['why do i need ssl', 'so on or off?'], /^On — tick it\. SSL \(SSL\/TLS\) must be on/],
    [['what is smtp authentication', 'tick or untick?'], /^On — tick it\. BT requires SMTP authentication/],
    [['what port and encryption for smtp', 'on or off then'], /^On — tick it\. Use SSL on .*SMTP/],
    [['smtp settings', 'and ssl, on or off?'], /^On — tick it\. Use SSL on .*SMTP/],
    [['whats the imap server', 'ssl on or off for that?'], /^On — tick it\. Use SSL on .*IMAP/],
  ])('after an answer about the box: %j', async (messages, option) => {
    const reply = await last(messages);
    expect(reply).toMatch(option);
    expect(reply).not.toMatch(ANY_VERDICT);
    expect(reply).not.toMatch(NOT_SURE);
  });

  it.each<[string, RegExp]>([
    // A question judging a value with "or not" still asks yes or no.
    ['is ssl right or not', /^Yes — SSL is right\./],
    ['is 993 correct or not for imap', /^Yes — port 993 is right\./],
    ['is 587 ok or not for sending', /^No — use port 465\./],
  ])('judging a value stays yes or no: %s', async (message, verdict) => {
    expect(await last([message])).toMatch(verdict);
  });
});

describe('asking whether going without SSL is acceptable: a clear no from the knowledge, said once', () => {
  it.each([
    'is it ok to leave ssl off',
    'can i leave ssl unticked',
    'is it fine without encryption',
    'can i just not bother with ssl',
    'is it alright to have encryption off on outlook',
    'would it be ok to send without ssl',
    'can i go without encryption on pop',
    'is it safe to leave the ssl box empty',
    'ssl off is that fine',
    'can i skip ssl',
    'is no encryption ok for imap',
    'leaving ssl unticked wont hurt will it',
    'is it ok if i dont use ssl',
    'ssl is off on my laptop, is that acceptable',
    'can I get away without ssl',
    "I'd rather not use encryption, is that ok?",
    'can i switch ssl off its causing problems',
    'is unencrypted fine for pop',
  ])('%s', async (message) => {
    const reply = await last([message]);
    expect(reply).toMatch(/^No — SSL \(SSL\/TLS\) must be on \(tick it\)/);
    expect(reply).toMatch(/SSL \(Secure Socket Layer\) encrypts/);
    expect(reply).not.toMatch(/SSL is right/);
    const sentences = reply.split('\n')[0]?.split(/(?<=\.) /) ?? [];
    expect(new Set(sentences).size).toBe(sentences.length);
    expect(reply).not.toMatch(/use SSL \(SSL\/TLS\)\. SSL \(SSL\/TLS\)/);
  });

  it.each([
    'is it ok to leave smtp authentication off',
    'can i send without authentication',
    'is it fine if i dont tick my server requires authentication',
    'can i get away without smtp auth',
  ])('going without SMTP authentication: %s', async (message) => {
    const reply = await last([message]);
    expect(reply).toMatch(/^No — keep it ticked: it is required\./);
    expect(reply).not.toMatch(/Yes/);
  });

  it.each([
    ['do i really need ssl', /^Yes\. SSL \(SSL\/TLS\) must be on/],
    ['do i actually need encryption', /^Yes\. SSL \(SSL\/TLS\) must be on/],
  ])('needing it is a yes: %s', async (message, verdict) => {
    expect(await last([message])).toMatch(verdict);
  });
});

describe('what a name means or stands for: the definition, not a settings card', () => {
  /** IMAP and POP: the sources do not spell the names out, so the answer says what they do. */
  const IMAP_POP = /IMAP and POP \(POP3\) are the protocols/;
  /** SMTP: the source spells it out. */
  const SMTP = /SMTP \(Simple Mail Transfer Protocol\)/;
  /** SSL: the source spells it out. */
  const SSL = /SSL \(Secure Socket Layer\)/;
  it.each<[string, RegExp]>([
    ['sorry what does pop3 stand for', IMAP_POP],
    ['what is imap short for', IMAP_POP],
    ['um what does imap stand for', IMAP_POP],
    ['and what is pop short for', IMAP_POP],
    ['whats imap mean', IMAP_POP],
    ['what is pop3', IMAP_POP],
    ['what does pop mean', IMAP_POP],
    ['what does imap actually mean', IMAP_POP],
    ['quick one: what does POP stand for?', IMAP_POP],
    ['IMAP = what exactly? what does it stand for', IMAP_POP],
    ['wot does smtp mean m8', SMTP],
    ['quick one - what does smtp stand for', SMTP],
    ['sorry but what is smtp', SMTP],
    ['smtp?? what is that', SMTP],
    ['and SMTP stands for what?', SMTP],
    ['what is smtp short for please', SMTP],
    ['Excuse me, what does the abbreviation SMTP mean?', SMTP],
    ['whats ssl in plain english', SSL],
    ['what does ssl stand for', SSL],
    ['um, what is SSL short for', SSL],
    ['what does POP stand for anyway', IMAP_POP],
    ["what's IMAP stand for, sorry, new to this", IMAP_POP],
    ['hi, whats the meaning of imap', IMAP_POP],
    ['can you tell me what pop3 means please', IMAP_POP],
    ['erm whats smtp short for', SMTP],
    ['SMTP = ?? stands for what', SMTP],
    ['please explain me what mean SMTP', SMTP],
    ['whats the full form of smtp', SMTP],
    ['smtp acronym?', SMTP],
    ['what is meaning of POP3 word', IMAP_POP],
    ['Sorry to bother you, what does IMAP mean?', IMAP_POP],
    ['what on earth is imap', IMAP_POP],
    ['what is this pop3 thing', IMAP_POP],
    ['what do the letters imap stand for', IMAP_POP],
    ['ssl, what is that in simple terms', SSL],
    ['what does ssl actually do', SSL],
  ])('%s', async (message, definition) => {
    const reply = await last([message]);
    expect(reply).toMatch(definition);
    expect(reply).not.toMatch(CARD);
    expect(reply).not.toMatch(NOT_SURE);
    // Never an expansion the sources do not give.
    expect(reply).not.toMatch(/Internet Message Access|Post Office Protocol/i);
  });
});

describe('"the number" of a protocol or side: its port only, not the whole block', () => {
  it.each<[string, RegExp]>([
    ['number for imap', /^IMAP \(incoming\): port 993\b/],
    ['imap number?', /^IMAP \(incoming\): port 993\b/],
    ['whats the number for sending', /^SMTP \(outgoing\): port 465\b/],
    ['the port number for pop pls', /^POP3 \(incoming\): port 995\b/],
    ['number for pop', /^POP3 \(incoming\): port 995\b/],
    ['number 4 sending', /^SMTP \(outgoing\): port 465\b/],
    ['WHAT IS THE NUMBER FOR OUTGOING MAIL', /^SMTP \(outgoing\): port 465\b/],
    ['the number for the imap server?', /^IMAP \(incoming\): port 993\b/],
    ['imaps number', /^IMAP \(incoming\): port 993\b/],
    ['which number is pop3', /^POP3 \(incoming\): port 995\b/],
    ['outgoing server number?', /^SMTP \(outgoing\): port 465\b/],
    ['and the numbers for smtp pls', /^SMTP \(outgoing\): port 465\b/],
    ['whats the number for incoming', /^Incoming mail uses port 993 for IMAP and 995 for POP3\b/],
    ['hi what num do i use for receiving emails', /^Incoming mail uses port 993 for IMAP and 995 for POP3\b/],
    ['wats the number for imap', /^IMAP \(incoming\): port 993\b/],
    ['number for outgoing mail server', /^SMTP \(outgoing\): port 465\b/],
    ['gimme the number for smtp', /^SMTP \(outgoing\): port 465\b/],
  ])('%s', async (message, port) => {
    const reply = await last([message]);
    expect(reply).toMatch(port);
    expect(reply).not.toMatch(CARD);
    expect(reply).not.toMatch(/server mail\.btinternet\.com; port/);
  });

  it.each<[string, RegExp]>([
    // A number with an error beside it is the error's.
    ['smtp error number 535', /^Error 535\b/],
    ['what does smtp error 530 mean', /^Error 530\b/],
  ])('not a port: %s', async (message, expected) => {
    expect(await last([message])).toMatch(expected);
  });

  it.each(['imap shows the wrong number of messages', 'the number of emails on pop is wrong'])(
    'a count is not a port: %s',
    async (message) => {
      expect(await last([message])).not.toMatch(/^(IMAP|POP3) \(incoming\): port/);
    },
  );
});
