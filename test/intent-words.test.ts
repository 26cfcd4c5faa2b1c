/**
 * The intents read their words from lexicon.yaml (`intents`, `intentWords`): one row per list, in
 * customers' voices, so that a list emptied or misspelt in the data shows here by name.
 */
import { detectIntent, detectYesNo, questionAfterLeadIn } from '../knowledge/intents';
import { LEXICON } from '../knowledge/lexicon';
import { INTENT_WORD_LISTS } from '../knowledge/lexicon-file';

describe('asking for a person, through the intentWords lists', () => {
  it.each([
    ['person, contactVerbs', 'can i talk to someone please'],
    ['anyPerson, contactVerbs', 'is it possible to speak with anyone at bt'],
    ['person, wants', 'i just want a human'],
    ['supportStaff, wants', 'I need the helpdesk'],
    ['supportStaff, sendOn', 'pls transfer me to ur tech team'],
    ['supportPlace, sendOn', 'put me through to technical support'],
    ['toSupport, sendOn', 'can you pass me on to your support'],
    ['asksFor, supportPlace', 'could i get customer support'],
    ['getOnto, supportStaff', 'get us onto the help desk'],
    ['wantsStart, supportStaff', 'need the it department asap'],
    ['asksForStart, person', 'give me an adviser'],
    ['isThere, somebody, ringVerbs', 'is there anybody i can ring'],
    ['canSomebody, helpVerbs', 'could somebody call me back'],
    ['dislike, botWords', 'id rather not deal with a robot'],
    ['dislike, computerWords, talking', 'i hate talking to a computer'],
    ['intent human (says)', 'whats your phone number'],
    ['intent human (says)', 'I want to make a formal complaint'],
    ['intent human (whole)', 'representative'],
  ])('%s: %p asks for a person', (_lists, text) => {
    expect(detectIntent(text)).toBe('human');
  });

  it.each([
    ['supportAsVerb', 'is bt going to support imap'],
    ['anyPerson after wants', 'we need anyone on the team to read the shared inbox'],
    ['computerWords without talking', 'id rather keep pop on my computer'],
  ])('%s: %p does not', (_lists, text) => {
    expect(detectIntent(text)).not.toBe('human');
  });
});

describe('the other intents built from intentWords', () => {
  it.each([
    ['identityAsk, identityArticle, identityReal, identityWhat', 'am i speaking to a real person', 'identity'],
    ['intent identity (whole)', 'who am i talking to', 'identity'],
    ['cancelPrefix, cancelWords', 'ok start over', 'cancel'],
    ['greetingWords', 'hiya there hope ur well', 'greeting'],
    ['mailWords', 'thanks whats the smtp port', undefined],
  ])('%s: %p is %p', (_lists, text, intent) => {
    expect(detectIntent(text)).toBe(intent);
  });

  it('cancelUnless: a setting after "stop" is no cancel', () => {
    expect(detectIntent('stop using port 25')).not.toBe('cancel');
  });

  it('questionWords: a question mentioning failure is no answer to "Did that fix it?"', () => {
    expect(detectYesNo('why does it fail on 465')).toBeUndefined();
    expect(detectYesNo('it fails on 465')).toBe('no');
  });

  it.each([
    ['questionStart', 'cheers, which port for imap'],
    ['requestOpeners', 'ok just the outgoing server'],
    ['requestStart', 'no thanks - tell me the imap server'],
    ['justAsks', 'nah. just the port'],
    ['asksAbout', 'thanks. the username'],
  ])('%s: a question after a lead-in in %p is read', (_list, text) => {
    expect(questionAfterLeadIn(text)).toBeDefined();
  });
});

it('every intentWords list is in the shipped lexicon and holds words', () => {
  for (const name of INTENT_WORD_LISTS) expect(LEXICON.intentWords[name].length).toBeGreaterThan(0);
});
