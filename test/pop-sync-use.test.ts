/**
 * Issue 13 (POP described, not asked for): a POP customer telling what POP does between their program
 * and webmail (mail deleted, moved or read in the program still in webmail, sent mail only on the PC,
 * webmail emptied by the download, folders not there) gets the sync explanation, in whatever order the
 * words come; and asking whether POP is still fine for their own use ("only one old PC, never webmail")
 * gets the comparison and its recommendation. Neither is the POP settings block, nor "did you mean".
 * Genuine settings requests that name POP and webmail still get the settings.
 */
import { expectReply } from './helpers/talk';

const NOT_SURE = /not sure|didn't (quite )?(catch|understand)|rephrase|did you mean/i;
const SYNC = /IMAP[^.]*always syncs|POP3? (doesn't|does not) sync/i;
const BLOCK = /mail\.btinternet\.com/;
const COMPARE = /POP3? (doesn't|does not) sync[\s\S]*recommends IMAP/i;

describe('a POP customer describing what POP does with webmail gets the sync explanation', () => {
  it.each<string>([
    'I use POP in Outlook. Mail I delete there is still sitting in webmail, why?',
    'im on pop with thunderbird and emails i read on the pc still show as unread in webmail',
    'Using POP3. Sent items are only on my PC, they never show up in webmail',
    'since outlook downloads my mail with pop the webmail inbox is empty, where has it gone',
    'POP account on my mac mail - folders i made in mail are not in webmail',
    'i moved emails into folders in outlook but on webmail they are all still in the inbox, we use pop',
    'my laptop is set to POP and now my webmail mailbox is empty after it downloads everything!!',
    'why is my webmail mailbox still full of stuff i binned in thunderbird? pop3 account',
    'pop3 user here. deletions in outlook 365 dont reach the webmail inbox, expected behaviour?',
    'hi i have pop on my computer and when i delete emails they are still in my mailbox online',
    'we are on pop, emails disappear from webmail once outlook picks them up',
    'deleted in outlook but still in webmail, its a pop account',
    'POP on windows mail: anything i send is only on the pc, webmail sent folder empty',
    'my husband set up pop in outlook years ago, now nothing i read there is marked read in webmail why',
    'pop mailbox: webmail still shows mail i removed in Thunderbird local folders',
    'Config: POP3/SMTP, client Thunderbird 115. Observed: messages deleted client-side persist in webmail Inbox.',
  ])('%s', async (message) => {
    await expectReply([[message], SYNC, BLOCK], NOT_SURE);
  });
});

describe('whether POP is still fine for the customer’s own use gets the comparison', () => {
  it.each<string>([
    'I only use one old desktop PC, never webmail. Is POP still alright or must I change?',
    'do i have to move to imap?',
    'is pop being switched off?',
    'i only check mail on my laptop, any reason to change from pop?',
    'is it OK to stay on POP3',
    'do i need to change from pop to imap or can i leave it',
    'only ever use outlook on one pc, is pop ok for me',
    'Is POP3 going to stop working? I have used it for 15 years',
    'am i ok to keep using pop on my one computer',
    'must i switch to imap',
    'is pop still supported or do i have to go imap',
    'i never use webmail only my desktop, should i bother changing from pop',
    'is there any need for me to switch to imap if i only use the one pc',
    'r u getting rid of pop? do i need 2 change',
  ])('%s', async (message) => {
    await expectReply([[message], COMPARE, BLOCK], NOT_SURE);
  });
});

describe('settings requests that name POP and webmail still get the settings', () => {
  it.each<string>([
    'pop settings for outlook, webmail works fine',
    'webmail works but outlook doesnt, what are the pop3 settings',
    'what are the pop server settings? i can log into webmail ok',
    'I want to set up POP on my new pc, webmail is fine, what do I put in',
  ])('%s', async (message) => {
    await expectReply([[message], BLOCK], NOT_SURE);
  });
});
