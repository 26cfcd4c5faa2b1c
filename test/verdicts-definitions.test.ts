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
