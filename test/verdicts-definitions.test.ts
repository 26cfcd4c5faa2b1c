/**
 * Issue 13 (verdicts, definitions): either/or questions about a box get the option that is right, never a
 * bare yes or no; a wrong value asked to be acceptable gets a clear no from the knowledge, said once; what a
 * name means or stands for gets its definition (only as the sources spell it out), not a settings card; "the
 * number" of something is its port alone.
 */
import { last } from './helpers/talk';

const CARD = /application\/vnd\.microsoft\.card\.adaptive/;
const NOT_SURE = /not sure about that|Did you mean/;

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
});
