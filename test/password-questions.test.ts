/**
 * Issue 13 (passwords): a customer types a password and asks something about it (strong enough? will it work?
 * can you check it? log in with it?), or asks the same with none typed. The bot never repeats the password, says
 * it should not be shared here, that it cannot see, check or test any password, and what the password is instead
 * (the BT page's "your btinternet or btopenworld password"), with a way forward; no invented password rules.
 */
import { containsSecret, redactSecrets } from '../transcripts/redact';
import { last } from './helpers/talk';

const NOT_SURE = /not sure about that/;
/** The bot says it cannot see, check or test a password (or give out anyone's). */
const CANNOT = /can't see, check or (test|give out) any password|can't see or give out any password/;
/** It says not to share the password here. */
const DONT_SHARE = /don't share|don't type it here|don't share it in this chat/;
/** A way forward: a button, or a person. */
const WAY_ON = /\[(My password is not accepted|Talk to a person|Can you check my password\?)\]|support team can help/;
/** Password rules the sources never give. */
const INVENTED_RULES = /at least \d|\d+ characters|must (contain|include|have)|special character|upper ?case letter/i;

/** A message, and the password typed in it (never to be repeated), or undefined when none is typed. */
type Row = [string, string | undefined];

const ASKED: Row[] = [
  ['my pasword is kitty123 is that strong enough for bt email', 'kitty123'],
  ['is Sunflower22 a good password', 'Sunflower22'],
  ['i use fido1 as my password will it work with outlook', 'fido1'],
  ['can you check if my password rover99 is right', 'rover99'],
  ["my wife's password is Daisy2020, can you log in", 'Daisy2020'],
  ['my password is bluebell7 is that long enough', 'bluebell7'],
  ['pwd = Tiger!88 good enuf m8?', 'Tiger!88'],
  ['I am using the password Marmalade1 for my account, it is secure enough please?', 'Marmalade1'],
  ['my pasword is kitty123 will that do for the outgoing server', 'kitty123'],
  ['log in to my account for me the password is Rosie1950', 'Rosie1950'],
  ['WHY WONT YOU TELL ME IF MY PASSWORD IS OK ITS Wombat77 JUST CHECK IT', 'Wombat77'],
  ['hello dear my password it is Gardener42 is this good password for the email please', 'Gardener42'],
  ['password: Blackpool1966 - is that too short??', 'Blackpool1966'],
  ['would Hollyhock5 be a strong password for btinternet', 'Hollyhock5'],
  ['my grandson set my password to Spurs4ever is that secure enough', 'Spurs4ever'],
];

const UNTYPED: Row[] = [
  ['how strong should my bt password be', undefined],
  ['is my password too short?', undefined],
  ['does my password need a capital letter', undefined],
  ['whats the minimum length for a bt email password', undefined],
  ['wot r the password rules 4 bt mail', undefined],
  ['is my btinternet password strong enough i am worried about being hacked', undefined],
  ['How many characters must the password have for my BT email, please?', undefined],
  ['does the password need numbers and symbols in it', undefined],
  ['is my password secure enough for outlook', undefined],
  ['what makes a good password for bt email', undefined],
];

describe('a password typed and asked about: never repeated, declined, with what to do instead', () => {
  it.each(ASKED)('%j', async (message, typed) => {
    const out = await last([message]);
    expect(out).not.toContain(typed!);
    expect(out).not.toMatch(NOT_SURE);
    expect(out).toMatch(DONT_SHARE);
    expect(out).toMatch(CANNOT);
    expect(out).toMatch(/btinternet or btopenworld|email address|someone else's/);
    expect(out).toMatch(WAY_ON);
    expect(out).not.toMatch(INVENTED_RULES);
  });
});

describe('the same questions with no password typed: declined, no rules invented', () => {
  it.each(UNTYPED)('%j', async (message) => {
    const out = await last([message]);
    expect(out).not.toMatch(NOT_SURE);
    expect(out).not.toMatch(/Please don't share your password with anyone/);
    expect(out).toMatch(CANNOT);
    expect(out).toMatch(DONT_SHARE);
    expect(out).toMatch(/can't advise on password rules/);
    expect(out).toMatch(/btinternet or btopenworld/);
    expect(out).toMatch(WAY_ON);
    expect(out).not.toMatch(INVENTED_RULES);
  });
});

describe('a password typed after the decline is still never repeated', () => {
  it.each<[string[], string]>([
    [['is my password strong enough', 'its Penguin2024'], 'Penguin2024'],
    [['can you check my password', 'ok its Toffee99 now check it'], 'Toffee99'],
    [['how long should my password be', 'mine is Lighthouse3 is that long enough'], 'Lighthouse3'],
  ])('%j', async (messages, typed) => {
    const out = await last(messages);
    expect(out).not.toContain(typed);
    expect(out).not.toMatch(NOT_SURE);
    expect(out).toMatch(DONT_SHARE);
    expect(out).toMatch(CANNOT);
  });
});

describe('a password symptom that calls the password strong or long is still the symptom', () => {
  it.each([
    'I have a good strong password but outlook keeps rejecting it',
    'my password is long enough but it says wrong password in outlook',
  ])('%j', async (message) => {
    const out = await last([message]);
    expect(out).toMatch(/keeps asking for your password or says it is wrong/);
    expect(out).not.toMatch(/can't advise on password rules/);
  });
});

describe('redaction: a password asked about is a secret, a description of one is not', () => {
  it.each<[string, string]>([
    ['my pasword is kitty123 is that ok', 'kitty123'],
    ['is Sunflower22 a good password', 'Sunflower22'],
    ['would Hollyhock5 be a strong password for btinternet', 'Hollyhock5'],
    ['my password it is Gardener42 is this good', 'Gardener42'],
    ['paswd: Tiger88', 'Tiger88'],
    ['is rosebud a good password', 'rosebud'],
  ])('%j hides %j', (text, typed) => {
    expect(containsSecret(text)).toBe(true);
    expect(redactSecrets(text)).not.toContain(typed);
  });

  it.each([
    'is this a good password',
    'is my password a good password',
    'what is a good password',
    'my password its not working',
    'would mine be a strong password',
    'is it a strong password',
  ])('%j holds none', (text) => {
    expect(containsSecret(text)).toBe(false);
  });
});
