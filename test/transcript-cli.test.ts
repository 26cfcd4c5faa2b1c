/** `npm run transcript`: its arguments, and a conversation in each format from the store, redacted. */
import type { Activity } from 'botbuilder';
import { CUSTOMER_CHANNELS, exportConversation, parseTranscriptArgs, type TranscriptCommand } from '../cli/transcript';
import { openMemoryStores } from '../storage/memory';
import { renderTranscript, TRANSCRIPT_FORMATS } from '../transcripts/export';

const PASSWORD = 'Tr0ub4dor&3xyz';

describe('parseTranscriptArgs', () => {
  it.each<[string, string[], TranscriptCommand | undefined]>([
    ['a channel', ['webchat'], { kind: 'list', channelId: 'webchat' }],
    [
      'a conversation, as text',
      ['webchat', 'c-1'],
      { kind: 'show', format: 'text', channelId: 'webchat', conversationId: 'c-1' },
    ],
    [
      '--format transcript',
      ['--format', 'transcript', 'webchat', 'c-1'],
      { kind: 'show', format: 'transcript', channelId: 'webchat', conversationId: 'c-1' },
    ],
    [
      '--format html',
      ['--format', 'html', 'msteams', 'a:1x'],
      { kind: 'show', format: 'html', channelId: 'msteams', conversationId: 'a:1x' },
    ],
    [
      '--format text',
      ['--format', 'text', 'webchat', 'c-1'],
      { kind: 'show', format: 'text', channelId: 'webchat', conversationId: 'c-1' },
    ],
    ['--delete', ['--delete', 'webchat', 'c-1'], { kind: 'delete', channelId: 'webchat', conversationId: 'c-1' }],
    [
      '--delete-older-than',
      ['--delete-older-than', '90'],
      { kind: 'deleteOlderThan', days: 90, channels: CUSTOMER_CHANNELS },
    ],
    ['an unknown format', ['--format', 'pdf', 'webchat', 'c-1'], undefined],
    ['--format without a conversation', ['--format', 'html', 'webchat'], undefined],
    ['--format with nothing after it', ['--format'], undefined],
    ['--format with a word too many', ['--format', 'html', 'webchat', 'c-1', 'more'], undefined],
    ['a format after the ids', ['webchat', 'c-1', '--format'], undefined],
    ['no arguments', [], undefined],
    ['an unknown option', ['--list', 'webchat'], undefined],
  ])('reads %s', (_name, args, expected) => {
    expect(parseTranscriptArgs(args)).toEqual(expected);
  });
});

describe('exportConversation', () => {
  const stores = openMemoryStores();
  const where = { channelId: 'webchat', conversationId: 'c-1' };
  beforeAll(() =>
    stores.transcripts.logActivities([
      {
        type: 'message',
        id: 'm-1',
        text: `login me@btinternet.com:${PASSWORD} <b>`,
        channelId: 'webchat',
        conversation: { id: 'c-1' },
        from: { id: 'u-1', role: 'user' },
        recipient: { id: 'bot' },
        timestamp: new Date('2025-01-31T10:00:00Z'),
      } as unknown as Activity,
    ]),
  );

  it.each(TRANSCRIPT_FORMATS.map((format) => [format] as const))(
    'gives %s as the export endpoint renders it, the password redacted',
    async (format) => {
      const text = await exportConversation(stores.transcripts, format, where.channelId, where.conversationId);
      const [record] = (await stores.transcripts.getTranscriptActivities('webchat', 'c-1')).items;
      expect(text).toBe(renderTranscript(format, [record!], where).body);
      expect(text).toContain('[redacted]');
      expect(text).not.toContain(PASSWORD);
    },
  );

  it('gives nothing for a conversation not on record', async () => {
    expect(await exportConversation(stores.transcripts, 'html', 'webchat', 'none')).toBeUndefined();
  });
});
