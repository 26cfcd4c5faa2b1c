/**
 * Issue 13 (walkthrough steps): the POP → IMAP walkthrough follows the source's six numbered
 * steps in order, always from step 1; a request to sync by converting a POP account starts it;
 * and questions a step answers get that step's content wherever the walkthrough is.
 */
import { last } from './helpers/talk';

const STEP1 = /Step 1 of 6: Check the account type[\s\S]*server type/;
const STEP2 = /Step 2 of 6: Stop the POP account checking for new mail/;

describe('the walkthrough begins at step 1, checking the account type, whatever was named', () => {
  it.each<[string, RegExp?]>([
    ['switch pop to imap on thunderbird', /Thunderbird/],
    ['steps to change a pop3 account to imap on iphone', /iPhone or iPad/],
    ['help me move my outlook from pop to imap', /Outlook/],
    ['i want to change my samsung email from pop3 to imap please', /Samsung Email/],
    ['how do i switch windows mail over to imap from pop', /Windows Mail/],
    ['pop to imap walkthrough for apple mail', /Apple Mail/],
    ['move my gmail app on android from pop to imap', /Gmail app/],
    ['convert pop account 2 imap on my ipad plz', /iPhone or iPad/],
    ['I need to change over from POP to IMAP in Thunderbird, can you take me through it', /Thunderbird/],
    ['switch pop to imap on my macbook', undefined],
    ['switch pop to imap', undefined],
    ['help me migrate from pop to imap', undefined],
  ])('%s', async (request, program) => {
    const out = await last([request]);
    expect(out).toMatch(STEP1);
    expect(out).not.toMatch(/Step 2 of 6/);
    if (program) expect(out).toMatch(program);
  });

  it.each([
    'switch pop to imap on thunderbird',
    'my outlook is pop, take me through moving it to imap',
    'change my iphone from pop3 to imap',
  ])('said POP: step 1 only asks to be sure (%s)', async (request) => {
    expect(await last([request])).toMatch(/Step 1 of 6[\s\S]*You said it's POP — to be sure/);
  });

  it('not said POP: step 1 asks to check the type', async () => {
    expect(await last(['can we do the imap changeover'])).toMatch(/Step 1 of 6[\s\S]*First check which type/);
  });

  it.each<[string[], RegExp]>([
    [['switch pop to imap on thunderbird', 'next'], STEP2],
    [['switch pop to imap on thunderbird', 'yes it says POP3'], STEP2],
    [['switch pop to imap', 'Outlook'], STEP2],
    [['switch pop to imap', 'its pop3 in outlook'], /Step 2 of 6[\s\S]*Outlook/],
    [['switch pop to imap on thunderbird', 'next', 'next'], /Step 3 of 6: Add the account again as a new IMAP account/],
    [
      ['switch pop to imap on thunderbird', 'next', 'next', 'next'],
      /Step 4 of 6: Check the IMAP folders match webmail/,
    ],
    [['switch pop to imap on thunderbird', 'step 5'], /Step 5 of 6: Move mail kept only on this computer/],
    [['switch pop to imap on thunderbird', 'step 6'], /Step 6 of 6: Remove the POP account on every device/],
    [['switch pop to imap on thunderbird', 'next', 'back'], STEP1],
  ])('the source order: %j', async (messages, expected) => {
    expect(await last(messages)).toMatch(expected);
  });

  it("step 2's first sentence is the source's action", async () => {
    expect(await last(['switch pop to imap on outlook', 'next'])).toMatch(
      /Step 2 of 6: [^\n]*\n\nStop the POP account checking for new mail\./,
    );
  });
});

describe('syncing by converting a POP account starts the walkthrough', () => {
  it.each([
    "I'd like Outlook to stay in step with webmail. It's on POP at the moment. How do I convert it?",
    'want my iphone to match webmail, its pop now, how do i change it over',
    'make outlook sync like webmail instead of pop, what do i do',
    'thunderbird is set up as pop and i want it synced with webmail how do i switch it',
    'My Apple Mail uses POP3 currently; I need it to mirror webmail. How do I move it across?',
    'hi my samsung email is pop i want it same as webmail how to change',
    'outlook is pop3 now. want same mails as on web. how to convert please',
    'its on pop at the mo and i want my ipad to sync with webmail whats the way to change it',
    'how do I get Windows Mail in sync with webmail, it is POP right now',
    'my laptop is on pop and doesnt match webmail, how do i switch it to imap',
    'we use POP on the office PC, want it to sync with webmail. How to convert?',
    'Thunderbird currently POP. Requirement: synchronisation with webmail. Procedure to convert?',
    'make outlook sync like webmail instead of pop, what do i do',
    'ipad on pop now want it to mirror webmail what do i need to do',
    'its pop at the moment, how do i switch it over to the other one',
    'the laptop is pop3, how can i change it so it syncs',
  ])('%s: the steps start', async (text) => {
    expect(await last([text])).toMatch(STEP1);
  });

  it.each<[string, RegExp]>([
    // A complaint or a why is the sync explanation; a setting asked is that setting.
    ['my outlook is pop, is that why it doesnt sync with webmail?', /IMAP always syncs/],
    ['my phone is pop and doesnt match webmail how do i fix it', /IMAP always syncs/],
    ['my iphone uses pop and deleted emails come back in webmail why', /IMAP/],
    ['outlook is on pop3 how do i change the port', /995/],
  ])('not a switch request: %s', async (text, expected) => {
    const out = await last([text]);
    expect(out).toMatch(expected);
    expect(out).not.toMatch(/Step 1 of 6/);
  });
});

describe('inside the walkthrough, a question a step answers gets that step', () => {
  const MOVE = /move it from[\s\S]*POP account's folders into the new IMAP account's folders[\s\S]*Step \d of 6/;
  const REMOVE = /remove the POP account[\s\S]*every device[\s\S]*Step \d of 6/;
  const FOLDER_NAMES = /folder separator|Sent Items and Drafts\. If/;
  it.each<[string[], string, RegExp]>([
    [
      ['switch pop to imap on outlook', 'next', 'next'],
      'how do I get the old PST-only mail into the IMAP folders afterwards?',
      MOVE,
    ],
    [['switch pop to imap on outlook'], 'what about the emails only on my laptop', MOVE],
    [['switch pop to imap', 'Thunderbird', 'next'], 'how do i move my old mail across', MOVE],
    [
      ['switch pop to imap', 'Outlook', 'next', 'next', 'next'],
      'and my old emails in the pop folders, how do they get into the imap ones',
      MOVE,
    ],
    [['switch pop to imap on my mac'], 'wot about all the mail thats just on this computer', MOVE],
    [
      ['switch pop to imap on outlook', 'next'],
      'how can I transfer the local messages into the new imap account',
      MOVE,
    ],
    [['switch pop to imap on outlook', 'next', 'next'], 'old mail from my pst how to put it in imap folders', MOVE],
    [['switch pop to imap', 'Windows Mail'], 'can I copy the mail from the pop account into the imap folders', MOVE],
    [['switch pop to imap on outlook'], 'do I have to delete the pop one on my phone too', REMOVE],
    [
      ['switch pop to imap', 'Thunderbird', 'next', 'next'],
      'must i remove the pop account from my ipad as well?',
      REMOVE,
    ],
    [['switch pop to imap on my iphone'], 'what about the pop account on the laptop, does that go too', REMOVE],
    [['switch pop to imap', 'Outlook', 'next'], 'do i need to get rid of pop on every device or just this one', REMOVE],
    [
      ['switch pop to imap on outlook', 'next', 'next'],
      'should the old pop account be deleted on my other computer too?',
      REMOVE,
    ],
    [['switch pop to imap on outlook', 'step 6'], 'hang on, how do i get my old mail across first', MOVE],
    [['change my iphone from pop3 to imap', 'next'], 'do i delete the pop account on the ipad as well', REMOVE],
    [
      ['switch pop to imap', 'Apple Mail', 'next', 'next'],
      'i got loads of mail saved in local folders, how do i copy them in',
      MOVE,
    ],
    [
      ['switch pop to imap on outlook', 'next'],
      'my wife has the pop account on her tablet too, remove that as well?',
      REMOVE,
    ],
  ])('%j then %s', async (before, question, expected) => {
    const out = await last([...before, question]);
    expect(out).toMatch(expected);
    // The answer before the step shown again is not the folder names (step 4 itself may name them).
    expect(out.split(/Step \d of 6/)[0]).not.toMatch(FOLDER_NAMES);
  });

  it('the current step is shown again after the answer', async () => {
    const out = await last(['switch pop to imap on outlook', 'next', 'next', 'how do i move my old mail across']);
    expect(out).toMatch(/move it from[\s\S]*Step 3 of 6/);
  });
});
