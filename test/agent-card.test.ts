/** The handover card agents see in Teams: what it shows in each state, its buttons, that customer text stays inert, and its size. */
import { agentCard, cardBytes, CARD_VERBS, MAX_CARD_BYTES, readCardClick } from '../bots/handover/agent-card';
import { CARD_TEXT, OUTCOME_TEXT } from '../bots/handover/console-texts';
import type { AgentCard } from '../bots/handover/ports';
import { CONTEXT_LIMITS, type HandoffContext } from '../handover/context';
import type { CardStatus } from '../handover/machine';

const CONTEXT: HandoffContext = {
  topic: 'Error 530: authentication required',
  protocol: 'smtp',
  mailProgram: 'Outlook',
  errorCodes: ['530', '535'],
  walkthroughStep: { walkthrough: 'Switching from POP to IMAP', step: 3, of: 6 },
  suggested: ['Check the outgoing server is mail.btinternet.com, port 465, SSL on.'],
  lastCustomerMessages: ['outlook says error 530', 'still not working'],
  summary: 'The customer asked for a person. Topic: Error 530: authentication required.',
  reason: 'asked',
  channel: 'directline',
  conversationId: 'conv-42',
};

function cardOf(status: CardStatus, extra: Partial<AgentCard> = {}): AgentCard {
  return {
    handoverId: 'h-1',
    customer: { channelId: 'directline', conversationId: 'conv-42' },
    customerName: 'Pat',
    reason: 'asked',
    context: CONTEXT,
    transcriptUrl: 'https://bot.example.com/api/transcripts/directline/conv-42?format=html&exp=1&sig=abc',
    status,
    ...extra,
  };
}

type Node = Record<string, unknown>;

/** Every object in the card, depth first. */
function nodes(value: unknown): Node[] {
  if (Array.isArray(value)) return value.flatMap(nodes);
  if (!value || typeof value !== 'object') return [];
  const node = value as Node;
  return [node, ...Object.values(node).flatMap(nodes)];
}

const ofType = (card: unknown, type: string) => nodes(card).filter((n) => n.type === type);
/** What a person reads: every TextRun and TextBlock, in order. */
const shown = (card: unknown) =>
  nodes(card)
    .filter((n) => n.type === 'TextRun' || n.type === 'TextBlock')
    .map((n) => String(n.text))
    .join('\n');
/** The top-level buttons (fallbacks live inside them). */
const buttons = (card: Node) => (card.actions as Node[]).map((a) => `${String(a.type)} ${String(a.title)}`);

describe('agent card: each state', () => {
  it.each<[string, CardStatus, string[], RegExp]>([
    [
      'waiting',
      { kind: 'waiting' },
      ['Action.Execute Accept', 'Action.OpenUrl Full transcript'],
      /Waiting for an agent/,
    ],
    [
      'accepted',
      { kind: 'accepted', by: 'Jane Smith' },
      ['Action.Execute End', 'Action.OpenUrl Full transcript'],
      /Accepted by \nJane Smith/,
    ],
    [
      'closed by the agent',
      { kind: 'closed', outcome: 'agent-ended', by: 'Jane Smith' },
      ['Action.OpenUrl Full transcript'],
      /Ended by Jane Smith/,
    ],
    [
      'closed: the customer left',
      { kind: 'closed', outcome: 'customer-left' },
      ['Action.OpenUrl Full transcript'],
      new RegExp(OUTCOME_TEXT['customer-left']()),
    ],
  ])('%s: buttons %j', (_name, status, expected, says) => {
    const card = agentCard(cardOf(status));
    expect(buttons(card)).toEqual(expected);
    expect(shown(card)).toMatch(says);
    expect(card.version).toBe('1.5');
  });

  it('shows the summary, the last messages and every context field', () => {
    const text = shown(agentCard(cardOf({ kind: 'waiting' })));
    for (const part of [
      CONTEXT.summary,
      ...CONTEXT.lastCustomerMessages,
      ...CONTEXT.suggested,
      'Error 530: authentication required',
      'SMTP',
      'Outlook',
      '530, 535',
      'Step 3 of 6 of "Switching from POP to IMAP"',
      'directline',
      'conv-42',
      'Pat',
    ])
      expect(text).toContain(part);
  });

  it('has no transcript link without a transcript URL, and never a link that is not http(s)', () => {
    expect(buttons(agentCard(cardOf({ kind: 'waiting' }, { transcriptUrl: undefined })))).toEqual([
      'Action.Execute Accept',
    ]);
    expect(
      buttons(agentCard(cardOf({ kind: 'closed', outcome: 'customer-left' }, { transcriptUrl: 'javascript:x' }))),
    ).toEqual([]);
  });
});

describe('agent card: Accept and End as Universal Actions with an Action.Submit fallback', () => {
  it.each<[string, CardStatus, string]>([
    ['Accept', { kind: 'waiting' }, CARD_VERBS.accept],
    ['End', { kind: 'accepted', by: 'Jane' }, CARD_VERBS.end],
  ])('%s', (title, status, verb) => {
    const [execute] = ofType(agentCard(cardOf(status)), 'Action.Execute');
    expect(execute).toMatchObject({ title, verb, data: { verb, handoverId: 'h-1' } });
    expect(execute?.fallback).toEqual({ type: 'Action.Submit', title, data: { verb, handoverId: 'h-1' } });
    // Both reach the bot as the same click.
    expect(readCardClick({ action: { type: 'Action.Execute', verb, data: execute?.data } })).toEqual({
      verb,
      handoverId: 'h-1',
    });
    expect(readCardClick((execute?.fallback as Node).data)).toEqual({ verb, handoverId: 'h-1' });
  });

  it.each<[string, unknown]>([
    ['nothing', undefined],
    ['a plain text click', 'smtp settings'],
    ['an unknown verb', { action: { verb: 'handover.delete', data: { handoverId: 'h-1' } } }],
    ['no handover id', { verb: CARD_VERBS.accept }],
    ['a handover id that is not text', { verb: CARD_VERBS.accept, handoverId: 7 }],
    ['an endless handover id', { verb: CARD_VERBS.accept, handoverId: 'h'.repeat(5000) }],
    ['another card button', { msteams: { type: 'imBack', value: 'Next' }, text: 'Next' }],
  ])('reads %s as no click', (_name, value) => {
    expect(readCardClick(value)).toBeUndefined();
  });
});

describe('agent card: customer text stays text', () => {
  const HOSTILE = [
    '**urgent** click [here](https://evil.example/login) or ![x](https://evil.example/p.png)',
    '# Heading\n- list item\n1. numbered',
    '<at>Jane Smith</at> <b>bold</b> _italic_ `code`',
  ];
  const card = agentCard(
    cardOf(
      { kind: 'accepted', by: '[Jane](https://evil.example)' },
      {
        customerName: '**Pat**',
        context: { ...CONTEXT, lastCustomerMessages: HOSTILE, suggested: [HOSTILE[0]!], mailProgram: '_Outlook_' },
      },
    ),
  );

  it('puts what came from outside only into TextRuns, which clients never read as markdown', () => {
    const runs = ofType(card, 'TextRun').map((n) => String(n.text));
    for (const text of [...HOSTILE, '**Pat**', '_Outlook_', '[Jane](https://evil.example)'])
      expect(runs).toContain(text);
    // TextBlocks (markdown) hold only the card's own words.
    const blocks = ofType(card, 'TextBlock').map((n) => String(n.text));
    expect(blocks.every((t) => Object.values(CARD_TEXT).includes(t as never))).toBe(true);
    expect(ofType(card, 'FactSet')).toEqual([]);
  });

  it('drops control characters and bidi overrides, keeps line breaks', () => {
    const sneaky = agentCard(
      cardOf(
        { kind: 'waiting' },
        { customerName: 'Pat\u0000\u202Egnp.exe\u0007', context: { ...CONTEXT, lastCustomerMessages: ['one\ntwo'] } },
      ),
    );
    const runs = ofType(sneaky, 'TextRun').map((n) => String(n.text));
    expect(runs).toContain('Pat  gnp.exe');
    expect(runs).toContain('one\ntwo');
  });
});

describe('agent card: at most 20 KB', () => {
  /** The longest context the core gives (CONTEXT_LIMITS), of characters that cost most as JSON in UTF-8. */
  function largest(char: string): HandoffContext {
    const text = (n: number) => char.repeat(n);
    return {
      topic: text(200),
      protocol: 'imap',
      mailProgram: text(60),
      errorCodes: Array.from({ length: CONTEXT_LIMITS.errorCodes }, (_, i) => String(500 + i)),
      walkthroughStep: { walkthrough: text(100), step: 6, of: 6 },
      suggested: Array.from({ length: CONTEXT_LIMITS.suggestions }, () => text(CONTEXT_LIMITS.suggestionChars)),
      lastCustomerMessages: Array.from({ length: CONTEXT_LIMITS.customerMessages }, () =>
        text(CONTEXT_LIMITS.customerMessageChars),
      ),
      summary: text(CONTEXT_LIMITS.summaryChars),
      reason: 'compromised-account',
      channel: 'msteams',
      conversationId: `a:${'x'.repeat(200)}`,
    };
  }

  it.each<[string, string]>([
    ['ASCII', 'a'],
    ['quotes (2 bytes as JSON)', '"'],
    ['euro signs (3 bytes in UTF-8)', '€'],
    ['emoji (4 bytes per pair)', '😀'],
  ])('the largest context the core allows, of %s, fits; every customer message is shown', (_name, char) => {
    const card = agentCard(cardOf({ kind: 'accepted', by: 'Jane Smith' }, { context: largest(char) }));
    expect(cardBytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
    expect(shown(card)).not.toContain(CARD_TEXT.shortened);
    expect(shown(card)).toContain(char.repeat(CONTEXT_LIMITS.customerMessageChars / char.length / 2));
  });

  it('a context far past the limits (not from the core) is shortened to fit, and says so', () => {
    const huge = '€'.repeat(20_000);
    const context: HandoffContext = {
      ...largest('€'),
      topic: huge,
      mailProgram: huge,
      summary: huge,
      walkthroughStep: { walkthrough: huge, step: 1 },
      suggested: Array(50).fill(huge),
      lastCustomerMessages: Array(50).fill(huge),
    };
    const customer = { channelId: huge, conversationId: huge };
    const status: CardStatus = { kind: 'accepted', by: huge };
    const transcriptUrl = `https://bot.example.com/${'a'.repeat(2000)}`;
    const card = agentCard(cardOf(status, { context, customerName: huge, customer, transcriptUrl }));
    expect(cardBytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
    expect(shown(card)).toContain(CARD_TEXT.shortened);
    expect(ofType(card, 'Action.Execute')).toHaveLength(1);
    expect(ofType(card, 'Action.OpenUrl')).toHaveLength(1);
  });
});
