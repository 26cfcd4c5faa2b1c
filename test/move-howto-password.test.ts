/**
 * Issue 13 (how to move from POP after a sync wish; password works in webmail but not the program): a message
 * that asks how to move the account off POP (or over to IMAP) starts the POP→IMAP walkthrough, whatever sync
 * wish or symptom comes first; a pure sync question still gets the sync explanation and "should I move?" the
 * comparison. "Keeps saying password incorrect but the same password works on webmail" gets the
 * password-rejected checks (username = full email address), not the webmail-versus-program explanation.
 */
import { expectReply } from './helpers/talk';

const NOT_SURE = /not sure|didn't (quite )?(catch|understand)|rephrase|did you mean/i;
/** The walkthrough started, or offered with its button. */
const WALK = /Step 1 of 6|\[Switch from POP to IMAP\]/;
/** The password-rejected checks. */
const PASSWORD_CHECKS = /full email address/i;

describe('a sync wish or symptom, then how to move from POP, starts the walkthrough', () => {
  it.each<string>([
    'I want my emails to match webmail like everyone says, how do I move my account over from pop',
    'need my phone and pc to show the same mail, how do i get off pop',
    'everyone tells me imap keeps things in step - how do I change my account over',
    'fed up with webmail being different, walk me through changing from pop',
    'i would like my ipad and laptop to be the same as webmail so how do i change over from pop please',
    'want deleted mail gone everywhere not just on the pc, how do i move off pop',
    'webmail never matches outlook!!! how do I get my account moved over to imap',
    'my emails r diff on fone n pc, how do i swap from pop 2 imap',
    'please I want same emails in all devices, how I can change my account from pop',
    'need mailbox state consistent across clients; how do I migrate the account from POP3 to IMAP',
    'sick of reading things twice on my phone and laptop. how do i change it off pop',
    'friends say imap keeps everything in sync, can you show me how to move my account to imap',
    'webmail and thunderbird show different folders, how do i convert my account from pop',
    'deleted mail reappears in webmail, how do i change my account from pop',
    'i use pop in outlook and mail i delete is still in webmail, how do i move it to imap',
    'my sent mail is only on the pc not webmail, how do i switch from pop',
    'is webmail the same as outlook? if not how do i move my account to imap',
    'emails read on phone still show unread on webmail. how do i change over from pop to imap',
    'webmail empty since outlook downloads everything with pop, how do i get off pop',
    'i use pop on my laptop, what i delete there stays in webmail, talk me through moving to imap',
    'whats the difference between webmail and my email program, and how do i change from pop',
    'im a pop user, do deletions sync to webmail? if not how do i move over to imap',
    'on pop in outlook, will what i delete also go from webmail? how do i change my account to imap',
    'I want my phone and computer to match, how do I set my account up as imap instead of pop',
  ])('%s', async (message) => {
    await expectReply([[message], WALK], NOT_SURE);
  });
});

describe('a sync question with no how-to still gets the explanation; "should I?" the comparison', () => {
  it.each<[string, RegExp]>([
    ["why doesn't webmail match my phone?", /IMAP/],
    ['deleted mail reappears in webmail', /IMAP/],
    ['should i move to imap?', /IMAP/],
    ['should I switch over to imap or stay on pop', /IMAP/],
    ['shall we change to imap in the office?', /IMAP/],
    ['my son is on imap, should i go to imap too', /IMAP/],
  ])('%s', async (message, expected) => {
    await expectReply([[message], expected, /Step 1 of 6/], NOT_SURE);
  });
});

describe('the password works on webmail but the program says it is wrong: the password checks', () => {
  it.each<string>([
    "keeps saying password incorrect but it's the same password I use for webmail and that works",
    'password works on the website but not in the app',
    'I can log into webmail fine with the same password, Samsung says it is wrong',
    'outlook keeps telling me my password is wrong, yet it works when i log in to webmail',
    'iphone says password incorrect. same password gets me into bt webmail no problem',
    'the mail app says wrong password but i use exactly the same one on the bt website and it works fine',
    'password rejected by thunderbird but webmail accepts it',
    'keeps saying the password is wrong but i can get into webmail with it',
    'i type the same password as webmail and it says its wrong on my tablet',
    'why does my phone say incorrect password when it works fine on webmail',
    'passwrd wrong on outlook but works on webmail same passwrd!!',
    'says my password is wrong, i use the same one for webmail and it works',
    'outlook rejects my password but its the one i use with webmail',
    'password incorrect on the ipad although webmail and it is fine',
  ])('%s', async (message) => {
    await expectReply([[message], PASSWORD_CHECKS, /Step 1 of 6/], NOT_SURE);
  });
});
