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
/** A setting given: the block's server, or a single port asked alone. */
const SETTINGS = /mail\.btinternet\.com|port (995|465)/;
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
    'using pop, read emails show as new when i check webmail on my phone',
    'pop3 here, why is webmail not updated when i delete things in apple mail',
    'i have pop and webmail keeps all the messages i deleted, can i stop that',
    'Mail app set to POP. Webmail inbox wiped after every download. Is this a fault?',
    'pop - sent messages not in webmail sent folder',
    'hiya, my emails go missing from webmail once my pc has downloaded them, i am on pop i think',
    'outlook (pop) deletes dont carry across to webmail',
    'Sir my outlook is POP and deleted mails still visible in webmail kindly explain',
    'my pop account - anything i file into folders in outlook stays in the inbox on webmail',
    'on pop. deleted stuff in outlook still there on webmail. y?',
    'pop user: webmail doesnt show my replies',
    'i use pop3 and outlook, mails i moved to folders still sit in the webmail inbox',
    'why is my bt mailbox empty? outlook is on pop3',
    'emails read in thunderbird (pop) still bold in webmail',
  ])('%s', async (message) => {
    await expectReply([[message], SYNC, BLOCK], NOT_SURE);
  });
});

describe('POP implied, the webmail side in the customer’s words (mailbox, online, on the web)', () => {
  it.each<string>([
    'i deleted a load of emails in outlook but when i log into bt email on the web they are all still there',
    'outlook downloads everything and then my bt mailbox is empty, is that normal',
    'emails i send from thunderbird never appear in the sent folder online',
    'mail i delete on the pc is still in my bt mailbox',
    'the emails i delete in outlook keep showing in my bt email inbox online',
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
    'should i stay on pop if i only use my old pc',
    'is pop3 being discontinued',
    'will pop stop working soon',
    'can i keep pop? i dont use webmail',
    'do we need to upgrade to imap',
    'is imap compulsory now',
    'is it alright to carry on with pop on my desktop',
    'I am a pensioner with one computer do i need to change to this imap thing',
    'is pop still a thing or should i move',
    'pop3 is fine for me isnt it, one laptop only',
    'i have heard bt are getting rid of pop is that true',
    'am i ok staying on pop3',
    'Is POP3 deprecated?',
    'pop is old hat now isnt it, do i need imap',
    'my grandson says pop is outdated and i must change, is he right?',
    'wot happens if i just stay on pop',
    'do i hav 2 go imap',
    'is bt turning off pop3',
    'Why would I change from POP when it works fine on my one PC?',
    'theres no need for imap if i only use outlook on one machine is there',
    'i dont want to change from pop unless i have to',
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
    'my pop3 settings for outlook please, webmail is working',
    'pop3 incoming server for thunderbird? webmail ok',
    'set up outlook with pop, webmail works, what server and port',
    'i use pop and webmail, what are the smtp settings',
    'pop3 port? webmail is fine',
    'i want to stay on pop3, what are the settings',
    'staying on pop, just need the incoming server and port for outlook',
  ])('%s', async (message) => {
    await expectReply([[message], SETTINGS, SYNC], NOT_SURE);
  });
});

describe('after the POP settings, the same questions in context', () => {
  it.each<[string[], RegExp]>([
    [['pop3 settings for outlook', 'ok but the ones i delete in outlook are still in webmail, why'], SYNC],
    [['what is the pop server', 'and my sent emails never show in webmail'], SYNC],
    [['pop3 settings please', 'is it ok to stay on pop though'], COMPARE],
    [['pop3 settings please', 'so do i have to change to imap then?'], COMPARE],
    [['should i use imap or pop', 'do i need to change though? i only have one pc'], COMPARE],
    [['pop incoming port', 'will pop be switched off one day?'], COMPARE],
  ])('%j', async (messages, expected) => {
    await expectReply([messages, expected, BLOCK], NOT_SURE);
  });
});

describe('a request to move, or what changes in the move, is not the comparison', () => {
  it.each<string>([
    'i need to change to imap',
    'how do i change to imap',
    'do i have to change anything else in outlook when i switch to imap',
    'must i change anything in thunderbird for imap',
    'do i need to change the port for imap',
  ])('%s', async (message) => {
    await expectReply([[message], /Step 1 of 6|993/, SYNC], NOT_SURE);
  });
});
