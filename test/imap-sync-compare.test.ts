/**
 * Issue 13 (IMAP sync asked; the comparison by storage and backups): an IMAP customer asking whether
 * what they do in their program (delete, move, read) shows in webmail gets the sync answer (IMAP syncs),
 * never the POP→IMAP walkthrough nor the settings block; the POP customer's version keeps POP's answer.
 * POP and IMAP compared by local backups or server storage is the comparison, not the mailbox-storage
 * reply; a genuine mailbox-size question stays out of scope.
 */
import { expectReply } from './helpers/talk';

const NOT_SURE = /not sure|didn't (quite )?(catch|understand)|rephrase|did you mean/i;
const IMAP_SYNCS = /IMAP[^.]*always syncs/i;
/** The yes, where the message asks yes or no. */
const YES = /Yes — IMAP always syncs/;
/** The walkthrough, or the settings block. */
const WALK_OR_BLOCK = /Step 1 of 6|mail\.btinternet\.com/;
const POP_SYNC = /POP3? (doesn't|does not) sync/i;
const STORAGE_OUT = /storage space|mailbox features|not something I can help|isn't something/i;

describe('an IMAP customer asking what syncs gets the sync answer', () => {
  it.each<string>([
    'If I delete an email in my Outlook, will it also go from my webmail inbox? I use IMAP I think',
    'on imap, if i move mail into a folder on my phone will webmail show it',
    'read it on the ipad - will it show as read in webmail? im on imap',
    'IMAP user: do deletions sync to the server?',
    'i have imap on my laptop, if i delete something there does it disappear off bt webmail too',
    'we use imap. when i file emails into folders in thunderbird will they be in the same folders online',
    'im on imap i believe, will emails i read on my phone show as read on the computer',
    'IMAP configured in Apple Mail. Are client-side deletions propagated to the server mailbox?',
    'if i bin an email on my iphone (imap) is it gone from webmail aswell',
    'my account is imap, do my sent emails from outlook appear in webmail',
    'Using IMAP - if I delete mail in Outlook will it also delete from the BT mailbox on the web?',
    'hello, i am imap on my tablet, if i remove emails will they go from my webmail also',
    'imap: will moving an email to a folder in outlook move it in webmail too?',
  ])('%s', async (message) => {
    await expectReply([[message], IMAP_SYNCS, WALK_OR_BLOCK], NOT_SURE);
  });
});

describe('asked yes or no, the IMAP customer gets the yes', () => {
  it.each<string>([
    'If I delete an email in my Outlook, will it also go from my webmail inbox? I use IMAP I think',
    'IMAP user: do deletions sync to the server?',
    'hello, i am imap on my tablet, if i remove emails will they go from my webmail also',
    'i use imap on my laptop - if i delete an email will it disappear from webmail too',
  ])('%s', async (message) => {
    await expectReply([[message], YES, WALK_OR_BLOCK], NOT_SURE);
  });
});

describe('the POP customer asking the same keeps POP’s answer', () => {
  it.each<string>([
    'If I delete an email in my Outlook, will it also go from my webmail inbox? I use POP',
    'on pop, if i move mail into a folder on my pc will webmail show it',
    'POP user: do deletions sync to the server?',
    'im on pop3 - if i delete emails in thunderbird will they go from webmail too',
    'using pop on my pc, will emails i read there show as read in webmail?',
  ])('%s', async (message) => {
    await expectReply([[message], POP_SYNC, WALK_OR_BLOCK], NOT_SURE);
  });
});

describe('POP and IMAP compared by backups or server storage is the comparison', () => {
  it.each<string>([
    'Any technical reason to prefer POP3 over IMAP4 for a BT mailbox? Thinking about local backups and server storage',
    'pop vs imap in terms of storage and backups?',
    'does imap keep everything on the server while pop keeps it locally?',
    'which is better for backups, pop or imap',
    'imap or pop if i want my mail stored on my own computer',
    'is pop better than imap for keeping a local copy of my emails',
    'from a storage point of view whats the difference between imap and pop3',
    'pop3 vs imap4: server-side storage vs local storage, pros and cons?',
    'wot is better pop or imap for backing up my emails',
    'i want to keep backups of my mail on my pc, should i use pop or imap',
    'does pop store mail on my computer and imap on the server?',
    'where is mail stored with imap compared to pop',
    'POP3 or IMAP - which is safer for backups?? i dont want to lose anything',
    'Sir kindly advise imap versus pop regarding storage of mails on server',
  ])('%s', async (message) => {
    const out = await expectReply([[message], /sync/i, STORAGE_OUT], NOT_SURE);
    expect(out).not.toMatch(/Step 1 of 6/);
  });
});

describe('a mailbox-size question stays out of scope', () => {
  it.each<string>([
    'how much storage does my mailbox have',
    'my mailbox is full, how do I get more space',
    'how big can my imap mailbox get',
  ])('%s', async (message) => {
    await expectReply([[message], STORAGE_OUT], /Step 1 of 6/);
  });
});
