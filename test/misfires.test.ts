/** Misfires: reported speech taken for a request for a person, "keeps asking for the port" taken for a rejected password, and a no to a person offered before a question. */
import { last } from './helpers/talk';

const PERSON = /put you in touch with a person/i;
const PASSWORD = /password (is|was) (rejected|not accepted)|keeps asking for (your|the) password/i;
const STILL_HERE = /I'm still here/i;

type Row = [string[], RegExp, RegExp];

describe('reported speech is a question, not a request for a person', () => {
  it.each<Row>([
    [['someone said change pop to imap, how'], /imap/i, PERSON],
    [['a man at the shop told me to use imap'], /imap/i, PERSON],
    [['my son said it should be 465'], /465|smtp|port/i, PERSON],
    [['the BT guy on the phone said to switch to imap'], /imap/i, PERSON],
    [['my daughter says i need to change pop to imap how do i do that'], /imap/i, PERSON],
    [['the engineer told me to change to imap'], /imap/i, PERSON],
    [
      ['a lady from bt said the outgoing server is mail.btinternet.com is that right'],
      /mail\.btinternet\.com/i,
      PERSON,
    ],
    [['my grandson told me the port should be 993'], /993/i, PERSON],
    [['the person on the helpline said use port 465 for smtp'], /465/i, PERSON],
    [['bt agent reckons i shud use imap not pop?? how'], /imap/i, PERSON],
  ])('%j', async (messages, expected, forbidden) => {
    const out = await last(messages);
    expect(out).toMatch(expected);
    expect(out).not.toMatch(forbidden);
  });
});

describe('a request for a person after reported speech is still one', () => {
  it.each([
    'the helpline said port 465 but it still fails, i want to talk to a person',
    'my son said to use imap but it doesnt work, get me a human',
  ])('%s', async (text) => {
    expect(await last([text])).toMatch(PERSON);
  });
});

describe('"keeps asking me for" a setting is a question about that setting', () => {
  it.each<Row>([
    [['outlook keeps asking me for the smtp server'], /mail\.btinternet\.com/i, PASSWORD],
    [['it keeps asking for the port'], /465|993|995|port/i, PASSWORD],
    [['my phone keeps asking me for the username'], /username|email address/i, PASSWORD],
    [['keeps asking me for outgoing server what do i put'], /mail\.btinternet\.com/i, PASSWORD],
    [['thunderbird keeps asking for the incoming server name'], /mail\.btinternet\.com/i, PASSWORD],
  ])('%j', async (messages, expected, forbidden) => {
    const out = await last(messages);
    expect(out).toMatch(expected);
    expect(out).not.toMatch(forbidden);
  });

  it.each(['it keeps asking for my password', 'outlook keeps asking me for my password'])(
    '%s stays the password symptom',
    async (text) => {
      expect(await last([text])).toMatch(/password/i);
    },
  );
});

describe('a no to a person offered, then a question: the question is answered', () => {
  const OFFER = 'are you a bot';
  it.each<Row>([
    [[OFFER, "no actually it's fine, just tell me the smtp port"], /465/, STILL_HERE],
    [[OFFER, "nah it's ok, what's the imap server"], /imap\.btinternet\.com|mail\.btinternet\.com/i, STILL_HERE],
    [[OFFER, "no that's fine - which port for pop?"], /995/, STILL_HERE],
    [[OFFER, 'no thanks just want the outgoing server'], /mail\.btinternet\.com/i, STILL_HERE],
    [[OFFER, 'nope its ok whats the port for imap'], /993/, STILL_HERE],
    [[OFFER, "no no it's alright, what port do I use for smtp"], /465/, STILL_HERE],
    [['i want to talk to a person', "no actually it's fine, just tell me the smtp port"], /465/, STILL_HERE],
    [['can i speak to someone', "nah it's ok, what's the imap server"], /btinternet\.com/i, STILL_HERE],
    [['agent please', "no that's fine - which port for pop?"], /995/, STILL_HERE],
    [['human', 'no ur alright mate wots the port 4 smtp'], /465/, STILL_HERE],
  ])('%j', async (messages, expected, forbidden) => {
    const out = await last(messages);
    expect(out).toMatch(expected);
    expect(out).not.toMatch(forbidden);
  });
});

describe('more voices across the three misfires', () => {
  it.each<[string[], RegExp]>([
    [['are you a bot', 'no its fine honestly. smtp port?'], /465/],
    [['are you a bot', "no don't worry about that, what's the pop server"], /btinternet\.com/],
    [['are you a bot', 'no need, just the imap port please'], /993/],
    [['agent please', 'actually no its fine whats the outgoing port'], /465/],
    [['agent please', 'nah forget it, what username do i use'], /email address/i],
    [['iphone keeps asking for the outgoing mail server'], /mail\.btinternet\.com/],
    [['mail app keeps asking me for the incoming port'], /993|995/],
    [['my wife told me bt said to change to imap, how do i do it'], /imap/i],
    [['the shop guy said use ssl, is that right'], /ssl/i],
    [['my neighbour reckons the smtp port is 587'], /465/],
  ])('%j', async (messages, expected) => {
    const out = await last(messages);
    expect(out).toMatch(expected);
    expect(out).not.toMatch(/put you in touch|I'm still here|keeps asking for your password/i);
  });
});
