/** What customers and agents type during a handover: buttons, ratings, agents' commands, a hacked account. */
import { detectCompromisedAccount, isButton, parseAgentCommand, parseRating } from '../handover/inputs';
import { HANDOVER_BUTTONS } from '../handover/messages';

describe('isButton', () => {
  it.each([
    ['Connect me', true],
    ['  connect   ME ', true],
    ['Connect me please', false],
    ['', false],
    [`Connect me${' '.repeat(200)}`, true],
    [`${'x'.repeat(200)} Connect me`, false],
  ])('%j is the Connect me button: %s', (text, expected) => {
    expect(isButton(text, HANDOVER_BUTTONS.connect)).toBe(expected);
  });

  it('a button whose value differs from its title is both', () => {
    const five = HANDOVER_BUTTONS.ratings[0];
    expect(isButton('5', five) && isButton('5 – very good', five)).toBe(true);
  });
});

describe('parseRating', () => {
  it.each([
    ['5', 5],
    ['1', 1],
    [' 4 ', 4],
    ['4/5', 4],
    ['4 / 5', 4],
    ['3 stars', 3],
    ['1 star', 1],
    ['2 out of 5', 2],
    ['5 – very good', 5],
    ['1 – very poor', 1],
    ['0', undefined],
    ['6', undefined],
    ['45', undefined],
    ['4.5', undefined],
    ['5 reasons why', undefined],
    ['error 530', undefined],
    ['', undefined],
    ['5'.repeat(1000), undefined],
  ])('%j → %s', (text, expected) => {
    expect(parseRating(text)).toBe(expected);
  });
});

describe('parseAgentCommand', () => {
  it.each([
    ['Hello, I can help', { command: 'message', text: 'Hello, I can help' }],
    ['/note customer on iPhone', { command: 'note', text: 'customer on iPhone' }],
    ['/NOTE  spaced ', { command: 'note', text: 'spaced' }],
    ['/note', { command: 'note', text: '' }],
    ['/note\nline two', { command: 'note', text: 'line two' }],
    ['<p>/note in markup</p>', { command: 'note', text: 'in markup' }],
    ['<div><p>/note nested</p></div>', { command: 'note', text: 'nested' }],
    ['  /end', { command: 'end' }],
    ['/end', { command: 'end' }],
    ['/End thanks', { command: 'end' }],
    ['<p>/end</p>', { command: 'end' }],
    ['/release', { command: 'release' }],
    ['/notes are here', { command: 'message', text: '/notes are here' }],
    ['/endpoint is wrong', { command: 'message', text: '/endpoint is wrong' }],
    ['please /end', { command: 'message', text: 'please /end' }],
    ['<b', { command: 'message', text: '<b' }],
    [`<${'x'.repeat(300)}>/end`, { command: 'message', text: `<${'x'.repeat(300)}>/end` }],
  ])('%j', (text, expected) => {
    expect(parseAgentCommand(text)).toEqual(expected);
  });
});

describe('detectCompromisedAccount', () => {
  it.each([
    'my account has been hacked',
    'I think my email was hacked',
    'Has my BT email been compromised?',
    'someone has got into my account',
    'somebody is sending spam from my email',
    'someone logged into my account from abroad',
    'my friends are getting emails I didnt send',
    "people get e-mails I didn't send",
    'unauthorised access to my mailbox',
    'my account was hijacked',
  ])('yes: %s', (text) => {
    expect(detectCompromisedAccount(text)).toBe(true);
  });

  it.each([
    'what is the smtp port',
    'how do I send email from my iPhone',
    'someone told me the port is 465',
    'I sent an email and it bounced',
    'my password is not accepted',
    'can I use someone else’s computer to check mail',
    'talk to a person',
  ])('no: %s', (text) => {
    expect(detectCompromisedAccount(text)).toBe(false);
  });
});
