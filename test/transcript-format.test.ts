/** The readable transcript: who said what and when, cards and buttons named, noise left out. */
import { formatTranscript, type TranscriptActivity } from '../transcripts/format';

const conversation = { id: 'c-42' };
const customer = { id: 'u1', name: 'Customer', role: 'user' };
const bot = { id: 'bot', name: 'BT Email help', role: 'bot' };
const at = (s: number) => new Date(Date.UTC(2025, 0, 31, 23, 59, s)).toISOString();

const CONVERSATION: TranscriptActivity[] = [
  {
    type: 'conversationUpdate',
    timestamp: at(0),
    channelId: 'webchat',
    conversation,
    from: customer,
    recipient: { id: 'bot' },
    membersAdded: [{ id: 'u1', name: 'Customer' }, { id: 'bot' }],
  },
  {
    type: 'message',
    timestamp: at(1),
    from: bot,
    text: 'Hello!\n\nWhat can I help with?',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        content: { fallbackText: 'Popular questions:\n1. SMTP' },
      },
    ],
  },
  { type: 'typing', timestamp: at(2), from: bot },
  { type: 'message', timestamp: at(3), from: customer, text: 'my password is [redacted]' },
  { type: 'message', timestamp: at(4), from: customer, value: { text: 'Next', msteams: { value: 'Next' } } },
  {
    type: 'message',
    timestamp: at(5),
    from: bot,
    text: 'Step 3 of 6',
    suggestedActions: { actions: [{ title: 'Next' }, { title: 'Back' }] },
  },
  { type: 'invoke', name: 'adaptiveCard/action', timestamp: new Date(Date.UTC(2025, 1, 1, 0, 0, 1)), from: customer },
];

describe('formatTranscript', () => {
  it('writes one timestamped entry per activity, with the day, the speaker, cards, buttons and clicks', () => {
    expect(formatTranscript(CONVERSATION)).toBe(
      [
        'Conversation c-42 on webchat: 7 activities',
        '-- 2025-01-31 (UTC) --',
        '23:59:00  Customer joined',
        '23:59:01  Bot: Hello!',
        '',
        '          What can I help with?',
        '          [card] Popular questions:',
        '23:59:03  Customer: my password is [redacted]',
        '23:59:04  Customer: [clicked] Next',
        '23:59:05  Bot: Step 3 of 6',
        '          [buttons] Next | Back',
        '-- 2025-02-01 (UTC) --',
        '00:00:01  [invoke adaptiveCard/action] from Customer',
        '',
      ].join('\n'),
    );
  });

  it.each<[string, TranscriptActivity[], string]>([
    ['an empty transcript', [], 'Empty transcript\n'],
    [
      'a message without a timestamp',
      [{ type: 'message', from: customer, text: 'hi' }],
      'Conversation ? on ?: 1 activities\n-- ????-??-?? (UTC) --\n??:??:??  Customer: hi\n',
    ],
    [
      'a bot joining on its own',
      [{ type: 'conversationUpdate', timestamp: at(0), recipient: { id: 'bot' }, membersAdded: [{ id: 'bot' }] }],
      'Conversation ? on ?: 1 activities\n-- 2025-01-31 (UTC) --\n',
    ],
    [
      'someone leaving',
      [{ type: 'conversationUpdate', timestamp: at(0), membersRemoved: [{ id: 'u1', name: 'Ann' }] }],
      'Conversation ? on ?: 1 activities\n-- 2025-01-31 (UTC) --\n23:59:00  Ann left\n',
    ],
  ])('handles %s', (_name, activities, expected) => {
    expect(formatTranscript(activities)).toBe(expected);
  });
});

describe('formatTranscript: the handover (channelData.handover)', () => {
  const agent = { id: 'bot', name: 'BT Email help', role: 'bot' };
  const row = (activity: TranscriptActivity) => formatTranscript([{ timestamp: at(7), ...activity }]).split('\n')[2];

  it.each<[string, TranscriptActivity, string]>([
    [
      "an agent's message",
      { type: 'message', from: agent, text: 'Hi, Sam here', channelData: { handover: { role: 'agent', name: 'Sam' } } },
      '23:59:07  Agent Sam: Hi, Sam here',
    ],
    [
      "an agent's internal note",
      {
        type: 'message',
        from: agent,
        text: 'customer on Outlook 2016',
        channelData: { handover: { role: 'agent', name: 'Sam', note: true } },
      },
      '23:59:07  Agent Sam (internal note): customer on Outlook 2016',
    ],
    [
      'a note with no agent named',
      { type: 'message', from: agent, text: 'check SMTP', channelData: { handover: { note: true } } },
      '23:59:07  (internal note): check SMTP',
    ],
    [
      'an agent without a name',
      {
        type: 'message',
        from: { id: 'a1', role: 'agent' },
        text: 'hello',
        channelData: { handover: { role: 'agent' } },
      },
      '23:59:07  Agent: hello',
    ],
    [
      "an agent's name cut at 60 characters, on one line",
      {
        type: 'message',
        from: agent,
        text: 'hi',
        channelData: { handover: { role: 'agent', name: `A\n${'b'.repeat(80)}` } },
      },
      `23:59:07  Agent A ${'b'.repeat(58)}: hi`,
    ],
    [
      'a marker of the wrong shape, ignored',
      { type: 'message', from: agent, text: 'hi', channelData: { handover: { role: 'agent', name: 42, note: 'yes' } } },
      '23:59:07  Agent: hi',
    ],
    [
      'channelData that is not an object, ignored',
      { type: 'message', from: agent, text: 'hi', channelData: 'handover' },
      '23:59:07  Bot: hi',
    ],
  ])('shows %s', (_name, activity, expected) => {
    expect(row(activity)).toBe(expected);
  });
});
