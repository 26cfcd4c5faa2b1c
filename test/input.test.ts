import type { Activity } from 'botbuilder';
import { inputText } from '../dialogs/input';
import { MAX_TEXT } from '../transcripts/text-cap';

describe('inputText: what the dialogs read of a message', () => {
  it.each<[string, Partial<Activity>, string]>([
    ['typed text, trimmed', { text: '  what port for smtp ' }, 'what port for smtp'],
    ['a card button (Web Chat)', { text: '', value: { text: 'Next' } }, 'Next'],
    ['a card button (Teams imBack)', { value: { msteams: { type: 'imBack', value: 'Back' } } }, 'Back'],
    ['a plain string value', { value: 'Cancel' }, 'Cancel'],
    ['nothing', { type: 'message' }, ''],
  ])('%s', (_name, activity, expected) => {
    expect(inputText(activity)).toBe(expected);
  });

  it.each([
    ['typed', (t: string): Partial<Activity> => ({ text: t })],
    ['in a button value', (t: string): Partial<Activity> => ({ value: { text: t } })],
  ])('never more than MAX_TEXT characters, %s', (_name, activity) => {
    const long = 'a-'.repeat(MAX_TEXT * 4);
    expect(inputText(activity(long))).toBe(long.slice(0, MAX_TEXT));
  });
});
