/**
 * Issue 13 (answers that generalise): a failure told as a story with nothing named ("my husband set this up
 * years ago and now it doesnt work") asks which side fails, offers the settings check and a person, never
 * "not sure"; a password changed and then a program failing ("i changed my password and now outlook wont
 * connect") is the program still holding the old password: where to type the new one, for incoming and
 * outgoing, never the reset decline and never a password asked for. Neighbours keep their answers.
 */
import { expectReply, last, type ReplyCase } from './helpers/talk';

const NOT_SURE = /not sure|didn't quite|did you mean|right question/i;

/** Which side fails (each side's checks as a button), the settings check, and a person. */
const WHICH_SIDE =
  /sending or receiving[\s\S]*\[Can't send email\] \[Can't receive email\] \[Check my settings\] \[Talk to a person\]/;
/** Not a settings block, a walkthrough or an out-of-scope reply taken for the story. */
const NOT_WHICH_SIDE = /BT Email settings: IMAP|step by step|not broadband|only help with BT Email settings, not/;

describe('a failure told as a story, nothing named: which side, the settings check, a person', () => {
  it.each<ReplyCase>(
    [
      'my husband set this up years ago and now it doesnt work',
      'email stopped working after the update',
      'nothing works since I got the new router',
      'it was fine yesterday and now nothing',
      "my son set up outlook for me and it's broken",
      "it's not working",
      'my email is broken',
      'my grandson put the email on my computer last year and now its gone wrong can you help',
      'email not working since the windows update',
      'ever since i moved house my emails dont work',
      'my laptop email has died',
      'hello my daughter did the computer for me at christmas and now the email will not work what do i do',
      'email dead since bt came round n did the new hub, pls help',
      'Email of me is not more working since one week, I not change anything',
      'this is absolutely ridiculous, I pay for this and my email has been broken for three days!!!',
      'so i had this laptop for ages and it always worked fine and then last tuesday i turned it on and the email just wasnt working anymore, i havent touched anything',
      'my emial stoped working yesterdya',
      'outlook isnt working since the update',
      'my ipad mail was fine until last week',
      'it used to work but now nothing',
      'i have a problem with my email',
      'mail problems',
      'my mail is playing up',
      'can you fix my email please',
      'my emails have gone funny since the weekend',
      'the email thing my nephew set up has packed in',
      "Hi there, my wife's laptop email stopped after the engineer came, any ideas?",
      'help my email aint working',
      // A failure told though it opens like thanks for a fix ("it worked…").
      "it worked for years and now it won't",
      'it worked fine until last week',
      'it was working yesterday and now nothing',
      'worked before the update now it doesnt',
      'it worked until my son changed something',
    ].map((m) => [[m], WHICH_SIDE, NOT_WHICH_SIDE]),
  )('%j', async (...row) => {
    await expectReply(row, NOT_SURE);
  });

  it('the settings-check button asks for what the program shows', async () => {
    const out = await last(['my husband set this up years ago and now it doesnt work', 'Can you check my settings?']);
    expect(out).toMatch(/Paste what your mail program shows/);
  });

  it("each side's button gives that side's checks", async () => {
    expect(await last(['email stopped working after the update', "Can't send email"])).toMatch(/outgoing \(SMTP\)/);
    expect(await last(['email stopped working after the update', "Can't receive email"])).toMatch(/incoming settings/);
  });
});

/** The program still has the old password: type the new one into its settings, incoming and outgoing. */
const CHANGED = /keeps the old password[\s\S]*incoming mail and for outgoing \(SMTP\) mail[\s\S]*full email address/;
/** The reset decline instead, or a password asked for. */
const NOT_CHANGED = /only know the email settings|what is your password|tell me your password|type your password here/i;

describe('a password changed, then a program fails: type the new one into the program', () => {
  it.each<ReplyCase>(
    [
      'i changed my password and now outlook wont connect',
      'since resetting my bt password my iphone keeps saying password incorrect',
      'new password works in webmail but not thunderbird',
      'updated my password yesterday now cant send',
      'i changed my bt email password last night and this morning my email on the laptop doesnt work',
      'changed password, now mail app on phone keeps asking 4 it',
      'I have make new password for my email and now the outlook say the password is wrong',
      'I RESET MY PASSWORD LIKE YOU PEOPLE TOLD ME AND NOW NOTHING WORKS',
      'had to change my password after a scam email and since then my ipad wont get any emails',
      'my pasword was changed yesterday and now thunderbird keeps failing',
      'do i need to put my new password in outlook as well',
      'my password got reset by bt and now windows mail wont sync',
      'i chnaged my password and now cant recieve emails',
      'new pw works on the website but outlook keeps rejecting it',
    ].map((m) => [[m], CHANGED, NOT_CHANGED]),
  )('%j', async (...row) => {
    await expectReply(row, NOT_SURE);
  });

  it('names the program’s own screens where its maker’s help gives them', async () => {
    const out = await last(['i changed my password and now thunderbird wont connect']);
    expect(out).toMatch(/Tools \| Account Settings/);
  });
});

describe('neighbours keep their answers', () => {
  it.each([
    ['I forgot my password', /can't see, reset or change passwords/],
    ['reset my password for me', /can't see, reset or change passwords/],
    ['how do i change my bt password', /can't see, reset or change passwords/],
    ['can you check my password', /can't see, check or give out any password/],
    ['outlook says wrong password yet webmail works fine with it', /When your email program keeps asking/],
    ['my outlook wont send', /Sending problems/],
    ['it still doesnt work', /\[Can't send email\] \[Can't receive email\]/],
    ['my broadband is slow', /not broadband/],
    ['how do i set up outlook', /step by step/],
  ])('%s', async (message, expected) => {
    const out = await last([message]);
    expect(out).toMatch(expected);
    expect(out).not.toMatch(/keeps the old password/);
  });
});

describe('after "sending or receiving?", both or not knowing gets the settings check', () => {
  it.each([
    'both',
    'both of them tbh',
    'i dont know',
    'no idea mate',
    'how would i know',
    'neither, it just doesnt work',
    'not sure',
    'Everything!! nothing goes and nothing comes',
  ])('%s', async (answer) => {
    const out = await last(['my husband set this up years ago and now it doesnt work', answer]);
    expect(out).toMatch(/Paste what your mail program shows/);
    expect(out).not.toMatch(NOT_SURE);
  });

  it('"both" with nothing asked before is not taken for the settings check', async () => {
    expect(await last(['both'])).not.toMatch(/Paste what your mail program shows/);
  });
});

describe('a password change told as done: where the new one goes', () => {
  it.each([
    'i changed my password',
    'ive just reset my bt email password',
    'I have changed the password of my email yesterday',
    'got a new password today',
    'my password was changed by bt',
  ])('%s', async (message) => {
    const out = await last([message]);
    expect(out).toMatch(CHANGED);
    expect(out).not.toMatch(NOT_CHANGED);
  });

  it.each(['i changed my password and now i forgot it', 'how do i reset my password', 'can i reset my password'])(
    'a forgotten password or a reset asked for is still the decline: %s',
    async (message) => {
      expect(await last([message])).toMatch(/can't see, reset or change passwords/);
    },
  );
});

describe('thanks for a fix is still thanks', () => {
  it.each([
    'that worked, thanks',
    'it works now thank you',
    'thanks, that fixed it',
    'its working now cheers',
    'that did the trick',
  ])('%s', async (m) => {
    expect(await last([m])).toMatch(/glad I could help/);
  });
});
