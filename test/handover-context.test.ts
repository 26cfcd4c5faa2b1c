/** The handoff context for agents and hubs, built from the session, the dialog under way and the transcript: by table. */
import { ERROR_DIALOG } from '../dialogs/error-dialog';
import { POP_TO_IMAP_DIALOG } from '../dialogs/pop-to-imap-dialog';
import {
  buildHandoffContext,
  CONTEXT_LIMITS,
  DIALOG_IDS,
  knowledgeLookups,
  type ContextInput,
  type HandoffContext,
} from '../handover/context';
import { loadKnowledgeDir } from '../knowledge';
import type { TranscriptActivity } from '../transcripts/format';

const LOOKUPS = knowledgeLookups(loadKnowledgeDir());
const TEAMS_ID = 'a:1XyZq0Lm-very-long-personal-chat-id@thread.v2;messageid=1700000000000';

let clock = Date.parse('2025-03-03T09:00:00.000Z');
function said(role: 'user' | 'bot' | undefined, text: string, type = 'message'): TranscriptActivity {
  clock += 1000;
  const from = role ? { id: role === 'bot' ? 'bot-id' : 'user-1', role } : { id: 'user-1' };
  return {
    type,
    text,
    from,
    timestamp: new Date(clock).toISOString(),
    channelId: 'msteams',
    conversation: { id: TEAMS_ID },
  };
}

function input(extra: Partial<ContextInput>): ContextInput {
  return { reason: 'asked', channel: 'msteams', conversationId: TEAMS_ID, activities: [], lookups: LOOKUPS, ...extra };
}

type Row = [string, ContextInput, Partial<HandoffContext>];

const ROWS: Row[] = [
  [
    'mid-walkthrough: the step as the customer saw it, the program chosen, the protocol',
    input({
      session: { version: 1, feedback: [], lastProtocol: 'imap', lastAnswer: 'walkthrough:pop-to-imap' },
      activeDialog: { id: 'popToImap', state: { step: 2, program: 'Outlook' } },
      activities: [
        said('user', 'switch pop to imap'),
        said('bot', 'Step 3 of 6: Add the IMAP account'),
        said('user', 'talk to a person'),
      ],
    }),
    {
      topic: 'Switch from POP to IMAP',
      protocol: 'imap',
      mailProgram: 'Outlook',
      walkthroughStep: { walkthrough: 'Switch from POP to IMAP', step: 3, of: 6 },
      errorCodes: [],
    },
  ],
  [
    'the error explainer after two "No"s: its title and code',
    input({
      reason: 'fix-failed',
      session: {
        version: 1,
        feedback: [],
        lastAnswer: 'entry:error-530',
        lastEntryId: 'error-530',
        lastProtocol: 'smtp',
      },
      activeDialog: { id: 'errorExplainer', state: { entryId: 'error-530', stage: 'checked' } },
      activities: [said('user', 'I get error 530 when sending'), said('bot', 'Did that fix it?'), said('user', 'no')],
    }),
    { topic: 'Error 530 (authentication required)', protocol: 'smtp', errorCodes: ['530'] },
  ],
  [
    'a settings answer, in words',
    input({ session: { version: 1, feedback: [], lastAnswer: 'settings:smtp+imap:port+host' } }),
    { topic: 'SMTP and IMAP settings (port, host)' },
  ],
  [
    'all settings of POP3',
    input({ session: { version: 1, feedback: [], lastAnswer: 'settings:pop3:all' } }),
    { topic: 'POP3 settings' },
  ],
  [
    'nothing known yet',
    input({}),
    { topic: 'Not clear yet from the chat', errorCodes: [], suggested: [], lastCustomerMessages: [] },
  ],
  [
    'codes the customer typed; ports only after "error"; enhanced codes and longer numbers are not codes',
    input({
      activities: [
        said('user', 'sending fails with 535 5.7.8 authentication failed'),
        said('user', 'I tried port 465 and 587, and I get error 587? also 12345 and 4.4.1'),
        said('user', 'now it says 550'),
      ],
    }),
    { errorCodes: ['535', '587', '550'] },
  ],
  [
    'the last program the customer named',
    input({ activities: [said('user', 'I use Thunderbird on windows'), said('user', 'same on my iPhone now')] }),
    { mailProgram: 'iPhone or iPad' },
  ],
  [
    'a program inside another word is not named',
    input({ activities: [said('user', 'my outlookish client')] }),
    { mailProgram: undefined },
  ],
  [
    'what the bot suggested and the last customer messages, oldest first; typing and events skipped',
    input({
      activities: [
        said('user', 'smtp port?'),
        said('bot', 'The SMTP port is 465 with SSL.\nMore detail here.'),
        said('bot', '', 'typing'),
        said(undefined, 'still not sending'),
        said('user', 'x', 'event'),
      ],
    }),
    { suggested: ['The SMTP port is 465 with SSL.…'], lastCustomerMessages: ['smtp port?', 'still not sending'] },
  ],
  [
    'an agent in the transcript is neither the customer nor the bot',
    input({ activities: [{ ...said('user', 'hi'), from: { id: 'aad-jane', name: 'Jane', role: 'agent' } }] }),
    { lastCustomerMessages: [], suggested: [] },
  ],
];

describe('buildHandoffContext', () => {
  it.each(ROWS)('%s', (_name, given, expected) => {
    const context = buildHandoffContext(given);
    for (const [key, value] of Object.entries(expected))
      expect([key, context[key as keyof HandoffContext]]).toEqual([key, value]);
  });

  it("names the customer's channel, conversation (as it is: a Teams id is not a password) and the reason", () => {
    expect(buildHandoffContext(input({ reason: 'compromised-account' }))).toMatchObject({
      channel: 'msteams',
      conversationId: TEAMS_ID,
      reason: 'compromised-account',
    });
  });

  it('summarises in one paragraph: why, topic, protocol, program, codes, step, the last suggestion and message', () => {
    const context = buildHandoffContext(ROWS[0]![1]);
    expect(context.summary).toBe(
      'The customer asked for a person. Topic: Switch from POP to IMAP. Protocol: IMAP. Mail program: Outlook. ' +
        'Reached step 3 of 6 of "Switch from POP to IMAP". The bot last said: "Step 3 of 6: Add the IMAP account" ' +
        'The customer\'s last message: "talk to a person"',
    );
    expect(context.summary).not.toContain('\n');
  });

  it('is deterministic: the same input gives the same context', () => {
    expect(buildHandoffContext(ROWS[1]![1])).toEqual(buildHandoffContext(ROWS[1]![1]));
  });

  it('never holds a typed password, wherever it was typed', () => {
    const secret = 'Hunter2!xyz';
    const context = buildHandoffContext(
      input({
        activeDialog: { id: 'popToImap', state: { step: 1, program: `pw: ${secret}` } },
        activities: [said('user', `my password is ${secret}`), said('bot', `password: ${secret}`)],
      }),
    );
    expect(JSON.stringify(context)).not.toContain(secret);
    expect(context.lastCustomerMessages).toEqual(['my password is [redacted]']);
  });

  it('stays small however long and many the messages', () => {
    const long = 'word '.repeat(4000);
    const context = buildHandoffContext(
      input({ activities: Array.from({ length: 50 }, (_, i) => said(i % 2 ? 'bot' : 'user', long)) }),
    );
    expect(context.lastCustomerMessages).toHaveLength(CONTEXT_LIMITS.customerMessages);
    expect(context.suggested).toHaveLength(CONTEXT_LIMITS.suggestions);
    expect(context.lastCustomerMessages.every((m) => m.length <= CONTEXT_LIMITS.customerMessageChars)).toBe(true);
    expect(context.summary.length).toBeLessThanOrEqual(CONTEXT_LIMITS.summaryChars);
    expect(JSON.stringify(context).length).toBeLessThan(4096);
  });

  it('a saved dialog state of the wrong shape adds nothing and throws nothing', () => {
    const context = buildHandoffContext(
      input({ activeDialog: { id: 'popToImap', state: { step: 'two', program: 7 } } }),
    );
    expect(context).toMatchObject({ topic: 'Switch from POP to IMAP', errorCodes: [] });
    expect(context.walkthroughStep).toBeUndefined();
    expect(context.mailProgram).toBeUndefined();
  });

  it('works without the knowledge lookups, from ids', () => {
    const context = buildHandoffContext({
      ...ROWS[1]![1],
      lookups: undefined,
    });
    expect(context).toMatchObject({ topic: 'error-530', errorCodes: ['530'] });
  });

  it("uses the dialogs' own ids", () => {
    expect(DIALOG_IDS).toEqual({ walkthrough: POP_TO_IMAP_DIALOG, errorExplainer: ERROR_DIALOG });
  });
});
