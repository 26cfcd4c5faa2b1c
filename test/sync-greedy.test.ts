/**
 * Issue 13 (sync explanation too greedy): a message naming webmail beside deleting, sending or local
 * mail is not always a sync question. Folder questions get the folder names; mail kept only on this
 * computer gets the keep-local-mail answer (inside the walkthrough too); genuine sync questions and
 * complaints keep the IMAP-versus-POP explanation.
 */
import { expectReply } from './helpers/talk';

const NOT_SURE = /not sure|didn't (quite )?(catch|understand)|rephrase/i;
const SYNC = /IMAP[^.]*always syncs|POP3? (doesn't|does not) sync/i;
const FOLDERS = /Trash[\s\S]*Sent Items[\s\S]*Drafts/;
const LOCAL = /Back it up first[\s\S]*move it/;
const WALK = ['switch pop to imap on thunderbird', 'next', 'next'];

describe('folder questions that mention webmail get the folder names', () => {
  it.each<string>([
    'Which folders should I map in Thunderbird for BT IMAP so sent and deleted stuff lands in the right place on webmail?',
    'what do i call the sent folder so it shows in webmail',
    'deleted items not going to webmail bin which folder do i pick',
    'which folder names do i use so my sent mail shows up in webmail',
    'what should the trash folder be called so deleted mail ends up in the webmail bin',
    'outlook imap: which folders to pick for sent and deleted so they match webmail',
    'wat folder do i set 4 sent items so it appears on webmail',
    'iphone mail which folder for deleted messages to go to webmail trash',
    'In Apple Mail which folder do I use for Sent so sent mails show in BT webmail?',
    'how shud i name the drafts folder to see drafts in webmail',
    'which special folders must I configure so deleted and sent emails are synchronised with the webmail folders',
  ])('%s', async (message) => {
    await expectReply([[message], FOLDERS, SYNC], NOT_SURE);
  });
});

describe('mail kept only on this computer gets the keep-local-mail answer', () => {
  it.each<string>([
    'What about mail that only exists locally now because POP deleted it from the server?',
    'the emails pop already downloaded and removed from the server, what happens to them',
    'old messages only on my pc after switching',
    'my emails are only on my pc because pop deleted them from the server, what do i do with them',
    'mail pop downloaded and removed from the server wont be in webmail will it, how do i get it there',
    'i have loads of old emails only on my laptop now, pop took them off the server',
    'emails only exist locally on this computer, how do I get them into webmail',
    'messages that were deleted from the server by pop, are they lost',
    'what happens to the mails pop downloaded and deleted from the server when i go imap',
    'old mail only on my computer not in webmail how to move it',
  ])('%s', async (message) => {
    await expectReply([[message], LOCAL, SYNC], NOT_SURE);
  });
});

const IN_WALKTHROUGH = [
  'What about mail that only exists locally now because POP deleted it from the server?',
  'the emails pop already downloaded and removed from the server, what happens to them',
  'old messages only on my pc after switching',
  'how do i get the mail thats only on my pc into the new account',
  'emails downloaded and removed from the server, can i put them in the imap folders',
  'what about the messages only stored on this laptop',
  'mail that pop deleted from the server, how do i copy it across',
  'my old emails only exist locally, move them how',
  'and the stuff only on my computer?',
  'emails kept only on the pc what do i do',
];

describe('inside the walkthrough, mail kept only on this computer is the move-mail answer, then the step again', () => {
  it.each(IN_WALKTHROUGH)('%s', async (message) => {
    const out = await expectReply([[...WALK, message], LOCAL, SYNC], NOT_SURE);
    expect(out).toMatch(/Step 3 of 6/);
  });
});

describe('the same messages outside the walkthrough get the keep-local-mail answer too', () => {
  it.each(IN_WALKTHROUGH)('%s', async (message) => {
    await expectReply([[message], LOCAL, SYNC], NOT_SURE);
  });
});

describe('genuine sync questions and complaints keep the sync explanation', () => {
  it.each<string>([
    "why doesn't webmail show what I deleted in outlook",
    'does pop sync with webmail',
    'emails i delete on my pc still show in webmail',
    'my email program and webmail are out of sync',
    'deleted mail reappears in webmail',
    'why dont sent emails from my ipad show in webmail',
    'do changes i make in outlook carry over to webmail',
    'i deleted stuff on my laptop but its all still in webmail??',
    'Do deletions in Thunderbird carry over to BT webmail or not',
    'read mail on my phone still shows unread in webmail',
    // Mail "only on the laptop" that does not show in webmail is the complaint, not mail to move.
    'my sent emails dont show up in webmail, only on the laptop',
    'replies i send are only in outlook on my computer and dont sync to webmail',
  ])('%s', async (message) => {
    await expectReply([[message], SYNC], NOT_SURE);
  });
});
