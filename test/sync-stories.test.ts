/**
 * Issue 13 (sync stories, POP deleting, password works in webmail): a sync symptom told as a story across
 * two devices (read state, deleted mail coming back, folders or sent mail not matching) gets the sync
 * explanation, never "sending or receiving?"; asking whether POP takes mail off the server or how to keep
 * a copy in webmail gets POP's behaviour and IMAP, never the POP3 server; a password refused in a program
 * but working in webmail (however webmail is named) gets the password checks, never webmail-versus-program.
 */
import { expectReply, type ReplyCase } from './helpers/talk';

const NOT_SURE = /not sure|didn't (quite )?(catch|understand)|rephrase|did you mean/i;
const SYNC = /IMAP[^.]*always syncs|POP3? (doesn't|does not) sync/i;
const WHICH_SIDE = /sending or receiving|\[Sending\]|\[Receiving\]/i;
const POP_SERVER = /mail\.btinternet\.com/;
const POP_BEHAVIOUR = /POP3? (doesn't|does not) sync[\s\S]*IMAP/i;
const PW_CHECKS = /full email address[\s\S]*SPA|SPA[\s\S]*full email address/i;
const WEBMAIL_VS = /webmail is BT's|in a browser|Webmail is/;

describe('a sync symptom told across two devices gets the sync explanation, not which side', () => {
  it.each<ReplyCase>(
    [
      'what I read on the phone still shows unread on the PC',
      'stuff I delete keeps coming back',
      'deleted emails reappear on my laptop',
      "the iPad says I haven't read things I read on the computer",
      'emails i delete on my phone keep coming back on the computer',
      'i read my mail on the ipad but the laptop still says they are unread',
      'why do deleted emails keep coming back',
      'messages i deleted reappear next day',
      'my folders on the phone dont match the ones on my pc',
      'sent mail on my laptop doesnt show on my phone',
      'things i delete on the tablet are still on my desktop',
      'read emails show as unread on my other computer',
      'Deleted items keep reappearing in my inbox!!!',
      'emails i have read on my phone come up as new on the pc',
      'my email is playing up, stuff i delete keeps coming back',
      'problem with my email - deleted mail reappears on the laptop',
      'emails ive deleted keep coming back its broken',
      'wife reads emails on her ipad but on our computer they still say unread',
      'i delete stuff on my iphone n it comes back on the laptop grrr',
    ].map((m) => [[m], SYNC, WHICH_SIDE]),
  )('%j', async (...row) => {
    await expectReply(row, NOT_SURE);
  });
});

describe('whether POP deletes mail from the server gets POP behaviour and IMAP, not the POP3 server', () => {
  it.each<ReplyCase>(
    [
      'Is POP delete my emails from server?',
      'pop remove mail from server or not',
      'will pop take my emails off the server',
      'I want keep the copy in webmail also',
      'does pop delete emails from the server',
      'if i use pop will my emails be removed from the server',
      'will POP3 wipe my mail off the server',
      'i want to keep a copy of my emails in webmail',
      'does pop3 leave a copy on the server',
      'with pop do emails stay in webmail',
      'pop delete mail from bt server?',
      'how to keep copy of mail in webmail when using outlook',
      'pop will delete my mails in server?',
      'if I set pop does it remove the emails off the bt server',
      'I use outlook but want keep the copy of mails in webmail',
    ].map((m) => [[m], POP_BEHAVIOUR, POP_SERVER]),
  )('%j', async (...row) => {
    await expectReply(row, NOT_SURE);
  });
});

describe('a password refused in a program but working in webmail gets the password checks', () => {
  it.each<ReplyCase>(
    [
      'outlook says password incorrect but it is the right password i use it for webmail',
      'password rejected in thunderbird, same password I log into webmail with',
      'my mail app says wrong password but it works on the website',
      'outlook keeps saying password incorrect. its the same one i use for webmail',
      'iphone mail rejects my password but it works on the bt website',
      'password wrong in outlook but works fine when i log in online',
      'thunderbird wont accept my password, i can log into webmail with it no problem',
      'the program says my password is incorrect yet i get into webmail fine with it',
      'password not accepted in windows mail, the same password works in webmail',
      'outlook password rejected, same password i use on the website',
      'wrong password on iphone but i use the same password for webmail',
      'mail app says password is wrong but i use it to log into webmail every day',
    ].map((m) => [[m], PW_CHECKS, WEBMAIL_VS]),
  )('%j', async (...row) => {
    await expectReply(row, NOT_SURE);
  });
});

describe('neighbours keep their answers', () => {
  it.each<ReplyCase>([
    [["it's not working"], WHICH_SIDE],
    [['pop3 server?'], POP_SERVER],
    [["what's the difference between webmail and outlook"], /webmail/i, PW_CHECKS],
    [['my emails keep disappearing'], /\w/, WHICH_SIDE],
  ])('%j', async (...row) => {
    await expectReply(row, NOT_SURE);
  });
});
