/**
 * Issue 13 (people words that are not a request for a person; a POP symptom accepted, then how to move):
 * a request about a staff member's, employee's, colleague's, user's or client's device or account is
 * answered as the question it is (the POP→IMAP walkthrough here), never as a request to talk to a person;
 * real requests for a member of staff still hand over. A POP sync symptom or explanation the customer
 * accepts, followed by how to move to IMAP, starts the walkthrough rather than the sync explanation.
 */
import { expectReply } from './helpers/talk';

const NOT_SURE = /not sure|didn't (quite )?(catch|understand)|rephrase|did you mean/i;
/** The walkthrough started, or offered with its button. */
const WALK = /Step 1 of 6|\[Switch from POP to IMAP\]/;
/** The handover offer or the support contact. */
const PERSON = /support line|adviser|agent|person|support team/i;

describe('a staff member’s, colleague’s or client’s device is a question, not a request for a person', () => {
  it.each<string>([
    'Need to move a staff laptop from POP3 to IMAP so the mail shows in webmail too. Steps please',
    'set up imap for one of our employees, they are on pop at the moment, how do i switch them',
    'how do i change a colleagues outlook from pop to imap',
    'a member of staff needs their email moved from pop to imap, what are the steps',
    'our receptionists outlook is on pop, how do i switch it to imap',
    'switching a staff pc from pop3 to imap - walk me through it pls',
    'I manage IT for a small office. Need to migrate an employee mailbox from POP to IMAP. Procedure?',
    'my colleague wants her iphone changed from pop to imap how do we do that',
    'how to convert a clients bt mailbox from pop to imap',
    'one of my staff is on pop, how do i move them to imap',
    'need 2 switch a users account from pop 2 imap, how',
    'pls help change our office laptop from pop to imap, the staff want to see mail in webmail',
    'i need to move our staff from pop to imap, how is it done',
    'need to set up imap for a staff member who is on pop, steps please',
    'I need to switch my colleague from POP to IMAP on her laptop, how',
    'can i get our employees moved over from pop to imap? how do i do it',
    'i want to change a staff members outlook from pop to imap',
    'need a staff laptop switched from pop3 to imap asap, what do i do',
    'i need my employees email on imap not pop, how do i change it',
    'we need our engineer laptops changed from pop to imap, how',
  ])('%s', async (message) => {
    await expectReply([[message], WALK, /support line|talk to (a|an) (person|adviser|agent)/i], NOT_SURE);
  });
});

describe('a real request for a member of staff still hands over', () => {
  it.each<string>([
    'can i speak to a member of staff',
    'put me through to a member of staff please',
    'get me someone from your team',
    'can i talk to your staff',
    'i want to speak to a staff member',
    'i need a member of staff',
    'my colleague cant fix our outlook, can i talk to one of your engineers',
    'i need someone from your staff to ring me about my account',
    'I want an agent, my staff are all locked out of their mailboxes',
  ])('%s', async (message) => {
    await expectReply([[message], PERSON], NOT_SURE);
  });
});

describe('a POP symptom accepted, then how to move, starts the walkthrough', () => {
  it.each<string>([
    "Apparently my sent items don't show in webmail because I'm on POP. Fine. How do I move to IMAP then",
    'ok so POP doesnt sync, got it - how do i change over to imap',
    'my deleted mail stays in webmail cos of pop, so how do i switch',
    'right, pop doesnt keep webmail in step. understood. how do i go over to imap',
    'so my emails vanish from webmail because outlook is on pop3? fine, how do i move it to imap',
    'i get it now, pop only downloads to the pc. how do i change to imap then',
    'read emails still unread on webmail because of pop, makes sense. how do i switch to imap',
    'ok pop is why my folders arent in webmail. so how do i move across to imap',
    'POP means it wont sync, understood. Steps to migrate to IMAP please',
    'fair enough pop doesnt sync sent items, how do i change mine to imap',
    'my son says deleted emails stay online because im on pop. ok how do i move to imap',
    'so its pop thats the problem with webmail being empty. how do i switch over',
  ])('%s', async (message) => {
    await expectReply([[message], WALK], NOT_SURE);
  });
});
