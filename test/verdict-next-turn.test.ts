/**
 * Issue 13 (verdicts across messages): a value described in one message ("outlook has smtp.btinternet.com in the
 * outgoing box") and "is that right?" / "is that ok?" / "is that wrong?" in the next gets a yes or no on that value,
 * with the right value; "is that wrong?" gets "No — … is right." only when it is right, "Yes — use …" when it is not.
 */
import { last } from './helpers/talk';

const NOT_SURE = /not sure about that/;

/** The two messages, the verdict the reply must open with, and the value it must give. */
type Row = [string, string, RegExp, RegExp];

const RIGHT_ASKED_RIGHT = /^Yes — /;
const WRONG_ASKED_RIGHT = /^No — use /;
const RIGHT_ASKED_WRONG = /^No — .* (is|are) right\./;
const WRONG_ASKED_WRONG = /^Yes — use /;

const ROWS: Row[] = [
  ['outlook has smtp.btinternet.com in the outgoing box', 'is that right?', WRONG_ASKED_RIGHT, /mail\.btinternet\.com/],
  ['outlook has smtp.btinternet.com in the outgoing box', 'is that wrong?', WRONG_ASKED_WRONG, /mail\.btinternet\.com/],
  ['my outgoing port is set to 465', 'is that wrong?', RIGHT_ASKED_WRONG, /465/],
  ['my outgoing port is set to 25', 'is that ok?', WRONG_ASKED_RIGHT, /465/],
  ['incoming server says mail.btinternet.com', 'is that right', RIGHT_ASKED_RIGHT, /mail\.btinternet\.com/],
  ['thunderbird shows pop.btinternet.com for incoming', 'is that wrong', WRONG_ASKED_WRONG, /mail\.btinternet\.com/],
  ['the iphone has 993 for imap', 'thats ok yeah?', RIGHT_ASKED_RIGHT, /993/],
  ['my outlook outgoing port says 587', 'so is that wrong then', WRONG_ASKED_WRONG, /465/],
  ['i have put 995 in the pop incoming port box', 'will that work', RIGHT_ASKED_RIGHT, /995/],
  ['the incoming port on my ipad is 143 for imap', 'is dat rite m8', WRONG_ASKED_RIGHT, /993/],
  [
    'my husband put mail.btinternet.com for the outgoing server',
    'is that correct or not',
    RIGHT_ASKED_RIGHT,
    /mail\.btinternet\.com/,
  ],
  ['samsung mail shows port 110 for pop3', 'THAT IS WRONG ISNT IT', WRONG_ASKED_WRONG, /995/],
  [
    'my smtp server in windows mail is smtp.btinternet.com',
    'is this ok please',
    WRONG_ASKED_RIGHT,
    /mail\.btinternet\.com/,
  ],
  ['thunderbird put 465 for outgoing', 'am i wrong', RIGHT_ASKED_WRONG, /465/],
  ['outgoing server in outlook is mail.btinternet.com port 465', 'does that look right', RIGHT_ASKED_RIGHT, /465/],
  ['imap incoming port set 993', 'is it wrong?', RIGHT_ASKED_WRONG, /993/],
  ['outlook says 465 for the outgoing port', 'will that cause a problem', RIGHT_ASKED_WRONG, /465/],
  ['windows mail has port 587 for sending', 'should i leave it', WRONG_ASKED_RIGHT, /465/],
];

describe('a value described, then "is that right/ok/wrong?": the verdict on that value', () => {
  it.each(ROWS)('%j then %j', async (first, second, verdict, value) => {
    const out = await last([first, second]);
    expect(out).not.toMatch(NOT_SURE);
    expect(out).toMatch(verdict);
    expect(out).toMatch(value);
  });
});

describe('a port or server just given, then "is that right?": yes, said again', () => {
  it.each<[string, string, RegExp, RegExp]>([
    ['what is the smtp port', 'is that right?', RIGHT_ASKED_RIGHT, /465/],
    ['what is the smtp port', 'is that wrong?', RIGHT_ASKED_WRONG, /465/],
    ['incoming server for imap?', 'are you sure thats right', RIGHT_ASKED_RIGHT, /mail\.btinternet\.com/],
    ['wots the pop port', 'iz it correct', RIGHT_ASKED_RIGHT, /995/],
  ])('%j then %j', async (first, second, verdict, value) => {
    const out = await last([first, second]);
    expect(out).not.toMatch(NOT_SURE);
    expect(out).toMatch(verdict);
    expect(out).toMatch(value);
  });
});

describe('"is that wrong?" in the same message never contradicts itself', () => {
  it.each<[string, RegExp]>([
    ['incoming server says mail.btinternet.com, is that wrong', RIGHT_ASKED_WRONG],
    ['outlook has smtp.btinternet.com in the outgoing box, is that wrong?', WRONG_ASKED_WRONG],
    ['my outgoing port is set to 465, is that wrong?', RIGHT_ASKED_WRONG],
    ['is 993 wrong for imap', RIGHT_ASKED_WRONG],
  ])('%j', async (message, verdict) => {
    const out = await last([message]);
    expect(out).toMatch(verdict);
    expect(out).not.toMatch(/^Yes — .* is right/);
  });
});
