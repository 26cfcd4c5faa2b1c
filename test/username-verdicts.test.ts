/**
 * Issue 13 (username verdicts): the username asked as a yes/no or either/or across incoming and
 * outgoing opens with the verdict (both use the full email address); a username described in words
 * or pasted ("Username: just my first name") is said to be wrong; a real full address stays right.
 */
import { expectReply as checkReply, type ReplyCase } from './helpers/talk';

const NOT_SURE = /not sure about that/;
const YES = /^Yes(,| —) /m;
const NO = /^No — /m;
const WRONG = /not just the part before the @|must be your full email address|^No — /m;

const expectReply = (c: ReplyCase): Promise<string> => checkReply(c, NOT_SURE);

describe('the username across incoming and outgoing, asked yes/no: the verdict first', () => {
  it.each<ReplyCase>([
    [['do i need the @btinternet.com bit in the username 4 sending as well or just 4 recieving'], YES],
    [['is the username the full address for outgoing too?'], YES],
    [['same username for smtp and imap?'], YES],
    [['just the incoming needs the full email address right?'], NO],
    [['is the user name for the outgoing server the same as for incoming'], YES],
    [['do I use my whole email address as username on the smtp side as well'], YES],
    [['only the incoming server wants the full email as username yes?'], NO],
    [['SMTP auth username - same as the IMAP login?'], YES],
    [['does the outgoing username also need @btinternet.com on the end'], YES],
    [['i put full email for incoming username, do i do the same for outgoing'], YES],
    [['is it the same login name for sending and receiving mail please'], YES],
    [['the full email address is only needed for receiving isnt it'], NO],
  ])('%j', async (...c) => {
    await expectReply(c);
  });
});

describe('a username described or pasted that is not the full address: said to be wrong', () => {
  it.each<ReplyCase>([
    [['Username: just my first name'], WRONG],
    [['user name - only the bit before the @'], WRONG],
    [['username is my name without the @btinternet'], WRONG],
    [['login: jsmith (no domain)'], WRONG],
    [['Incoming server: mail.btinternet.com\nUser name: just my name'], WRONG],
    [['i have put username as my first name only is that ok'], WRONG],
    [['username = the part before the at sign'], WRONG],
    [['User Name: my surname'], WRONG],
    [['username is only the first part of my email, without btinternet.com'], WRONG],
    [['my user name is set to just my surname, not the email'], WRONG],
    [['Login = first bit of my email only'], WRONG],
  ])('%j', async (...c) => {
    const out = await expectReply(c);
    expect(out).not.toMatch(/jsmith/);
  });
});

describe('a real full address stays right and is not echoed', () => {
  it.each<ReplyCase>([
    [['Username: jo@btinternet.com'], /right|correct|full email address/i],
    [
      ['username is my name@btinternet.com for both, is that right?'],
      /full email address/i,
      /not just the part before/,
    ],
    [
      ['Username: jo@btinternet.com (my first name @btinternet.com)'],
      /full email address/i,
      /not just the part before/,
    ],
    [['Incoming server: mail.btinternet.com\nUser name: jo@btinternet.com\nPort: 993'], /right|correct|full email/i],
  ])('%j', async (...c) => {
    const out = await expectReply(c);
    expect(out).not.toMatch(/jo@btinternet|name@btinternet.com for/);
  });
});
