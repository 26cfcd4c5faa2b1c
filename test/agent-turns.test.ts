/**
 * The agents' turns over real HTTP: Teams-shaped activities from the support channel to the real
 * server, a desk made of the real handover records (decideAndStore on MemoryRecordStorage, so
 * "exactly one Accept wins" is the store's conditional write), and the real Teams console posting
 * to a connector stand-in.
 */
import type { Activity, ConversationReference, TurnContext } from 'botbuilder';
import type { Server } from 'restify';
import { startConnector, type ConnectorStandIn, type Recorded } from '../bench/connector-stand-in';
import { botMiddleware, createBot, MemoryReferenceStore } from '../bots';
import { agentCard, CARD_VERBS } from '../bots/handover/agent-card';
import { CARD_ACTION_INVOKE, inSupportChannel } from '../bots/handover/agent-turns';
import { createAgentTurns, createTeamsConsole } from '../bots/handover/console';
import { CONSOLE_TEXT } from '../bots/handover/console-texts';
import type { AgentCard, AgentThread, HandoverDesk, ThreadOwner } from '../bots/handover/ports';
import type { TeamsConsole } from '../bots/handover/teams-console';
import { referenceKey } from '../bots/teams';
import { parseConfig } from '../config';
import { SAY } from '../dialogs/texts';
import type { AgentAction, CardStatus, Decision, Effect } from '../handover/machine';
import { AGENT_TEXT } from '../handover/messages';
import { decideAndStore, handoverKey, loadHandover, MemoryRecordStorage } from '../handover/records';
import type { Agent } from '../handover/state';
import { createAnswerer } from '../knowledge';
import { createLogger } from '../logger';
import { createAdapter, createServer, listen, shutdown } from '../server';
import type { Stores } from '../storage';
import { openMemoryStores } from '../storage/memory';
import { CARD_CONTEXT as CONTEXT, SETTINGS, waiting } from './helpers/handover-fixtures';

const BOT = { id: '28:0f4b5a1e-8c2d-4e6f-9a7b-1c2d3e4f5a6b', name: 'BT Email help' };
const TENANT = 'tenant-3f1c';
const SUPPORT_TEAM = { id: '19:support-general@thread.tacv2', aadGroupId: '0d5e8c7a-1b2c-4d3e-9f8a-7b6c5d4e3f2a' };
const SUPPORT_CHANNEL = '19:support-desk@thread.tacv2';
const OTHER_TEAM = { id: '19:other-general@thread.tacv2', aadGroupId: 'b1c2d3e4-0000-4000-8000-00000000000f' };
const OTHER_CHANNEL = '19:other-desk@thread.tacv2';
const JANE = { id: '29:jane', name: 'Jane Smith', aadObjectId: '6a1f3c2e-0000-4000-8000-00000000000a' };
const BOB = { id: '29:bob', name: 'Bob Jones', aadObjectId: '6a1f3c2e-0000-4000-8000-00000000000b' };
const EVE = { id: '29:eve', name: 'Eve Other', aadObjectId: '6a1f3c2e-0000-4000-8000-00000000000e' };
const MENTION = `<at>${BOT.name}</at>`;
const NOW = new Date('2025-03-03T10:05:00.000Z');

const config = parseConfig({
  TEAMS_SUPPORT_TEAM_ID: SUPPORT_TEAM.aadGroupId,
  TEAMS_SUPPORT_CHANNEL_ID: SUPPORT_CHANNEL,
  HANDOFF_AGENT_IDS: [JANE, BOB].map((a) => a.aadObjectId).join(','),
});

/** What the desk did: every action it was asked for, and what reached "the customer". */
interface DeskLog {
  actions: { owner: ThreadOwner; agent: Agent; action: AgentAction }[];
  toCustomer: string[];
}

/**
 * A hand-written desk on the real records: the core decides on the stored handover, the store's
 * eTag makes one Accept win, and the agents' effects go to the real console (through the agent's
 * turn). The customer's effects are only written down.
 */
function recordsDesk(storage: MemoryRecordStorage, console: () => TeamsConsole, log: DeskLog) {
  const threads = new Map<string, { owner: ThreadOwner; where: AgentThread }>();
  const desk: HandoverDesk = {
    threadOwner: async (id) => threads.get(id)?.owner,
    agentAction: async (owner, agent, action, turn) => {
      log.actions.push({ owner, agent, action });
      const key = handoverKey(owner.customer.channelId, owner.customer.conversationId);
      const event = { kind: 'agent', handoverId: owner.handoverId, agent, action } as const;
      const decision = await decideAndStore(storage, key, event, NOW, SETTINGS);
      const where = [...threads.values()].find((t) => t.owner.handoverId === owner.handoverId)!.where;
      const card = await carryOut(decision, where, owner, turn);
      return card ? { decision, card } : { decision };
    },
  };
  async function carryOut(decision: Decision, where: AgentThread, owner: ThreadOwner, turn?: TurnContext) {
    let card: AgentCard | undefined;
    for (const effect of decision.effects as Effect[]) {
      if (effect.kind === 'updateAgentCard') {
        card = cardOf(owner, effect.status);
        await console().updateCard(where, card, turn);
      } else if (effect.kind === 'tellAgent') await console().post(where, { kind: 'info', text: effect.text }, turn);
      else if (effect.kind === 'say') log.toCustomer.push(effect.text);
      else if (effect.kind === 'relayToCustomer') log.toCustomer.push(`${effect.from}: ${effect.text}`);
    }
    return card;
  }
  return { desk, threads };
}

/**
 * The real memory store, which can hold the first reads of a record until `readers` have read it:
 * so two agents clicking at once both read "waiting" before either writes, and the eTag decides.
 */
class RacingStorage extends MemoryRecordStorage {
  private race?: { key: string; readers: number; held: (() => void)[] };

  arm(key: string, readers: number): void {
    this.race = { key, readers, held: [] };
  }

  override async read(keys: string[]): Promise<Record<string, unknown>> {
    const race = this.race;
    if (race && keys.includes(race.key)) {
      await new Promise<void>((resolve) => {
        race.held.push(resolve);
        if (race.held.length < race.readers) return;
        this.race = undefined;
        race.held.forEach((release) => release());
      });
    }
    return super.read(keys);
  }
}

function cardOf(owner: ThreadOwner, status: CardStatus): AgentCard {
  return { handoverId: owner.handoverId, customer: owner.customer, reason: 'asked', context: CONTEXT, status };
}

let url: string;
let durableUrl: string;
let connector: ConnectorStandIn;
let storage: RacingStorage;
let log: DeskLog;
let threads: Map<string, { owner: ThreadOwner; where: AgentThread }>;
let teamsConsole: TeamsConsole;
let serial = 0;
let stores: Stores;
const servers: Server[] = [];

/**
 * The bot on a port: without the durable middleware, so two clicks in one thread really run at once
 * (with it, the conversation's lease runs them one after the other, and the eTag is the backstop
 * when a lease has run out); with it, for what is recorded in transcripts.
 */
async function startServer(references: MemoryReferenceStore, desk: HandoverDesk, durable?: Stores): Promise<string> {
  const logger = createLogger('silent');
  const adapter = createAdapter(config, logger).use(...botMiddleware(durable && { ...durable, logger }));
  const parts = createTeamsConsole({ adapter, appId: config.microsoftAppId, config, references, desk });
  teamsConsole ??= parts.console as TeamsConsole;
  const bot = createBot({ answerer: createAnswerer(), config, references, agents: parts.agents });
  const server = createServer({ adapter, bot, logger });
  servers.push(server);
  return listen(server, 0, '127.0.0.1');
}

beforeAll(async () => {
  connector = await startConnector();
  const references = new MemoryReferenceStore();
  await references.put(referenceKey(SUPPORT_CHANNEL), {
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
    bot: BOT,
    conversation: { id: SUPPORT_CHANNEL, isGroup: true, conversationType: 'channel', name: '' },
  } satisfies Partial<ConversationReference>);
  storage = new RacingStorage();
  log = { actions: [], toCustomer: [] };
  const made = recordsDesk(storage, () => teamsConsole, log);
  threads = made.threads;
  stores = openMemoryStores();
  url = await startServer(references, made.desk);
  durableUrl = await startServer(references, made.desk, stores);
});

afterAll(async () => {
  for (const server of servers) await shutdown(server);
  await connector.close();
  await stores.close();
});

beforeEach(() => {
  log.actions.length = 0;
  log.toCustomer.length = 0;
});

/** A customer waiting, with the card posted as a new thread by the real console. */
async function waitingHandover(): Promise<{ owner: ThreadOwner; where: AgentThread; key: string }> {
  const conversationId = `conv-${++serial}`;
  const owner: ThreadOwner = { customer: { channelId: 'directline', conversationId }, handoverId: `h-${serial}` };
  const key = handoverKey('directline', conversationId);
  const where = (await teamsConsole.postCard(cardOf(owner, { kind: 'waiting' })))!;
  await storage.write({ [key]: { handover: waiting({ handoverId: owner.handoverId, agentThread: where.thread }) } });
  threads.set(where.thread.conversation!.id, { owner, where });
  return { owner, where, key };
}

type From = typeof JANE;

function activity(threadId: string, from: From, fields: Partial<Activity>, team = SUPPORT_TEAM): Partial<Activity> {
  return {
    id: `${1_700_000_000_000 + ++serial}`,
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
    timestamp: new Date(),
    conversation: { id: threadId, conversationType: 'channel', isGroup: true, tenantId: TENANT, name: '' },
    from,
    recipient: BOT,
    channelData: { tenant: { id: TENANT }, team, channel: { id: threadId.split(';')[0] } },
    ...fields,
  };
}

/** The Action.Execute click as Teams sends it. */
function clickInvoke(threadId: string, from: From, verb: string, handoverId: string, team = SUPPORT_TEAM) {
  const value = { action: { type: 'Action.Execute', verb, data: { verb, handoverId } }, trigger: 'manual' };
  return activity(threadId, from, { type: 'invoke', name: CARD_ACTION_INVOKE, value }, team);
}

/** A reply in a thread; with RSC, Teams delivers it without the bot's @mention. */
function reply(threadId: string, from: From, text: string, extra: Partial<Activity> = {}, team = SUPPORT_TEAM) {
  return activity(threadId, from, { type: 'message', text, textFormat: 'plain', ...extra }, team);
}

async function post(body: Partial<Activity>, to = url): Promise<{ status: number; body: unknown; sent: Recorded[] }> {
  const before = connector.sent.length;
  const res = await fetch(`${to}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, sent: connector.sent.slice(before) };
}

const texts = (sent: Recorded[]) => sent.filter((r) => r.method === 'POST').map((r) => String(r.activity.text ?? ''));

describe('agents: Accept', () => {
  it('of two agents clicking at once exactly one wins; both see the card as it now is', async () => {
    const { owner, where, key } = await waitingHandover();
    const threadId = where.thread.conversation!.id;
    storage.arm(key, 2);
    const [jane, bob] = await Promise.all([
      post(clickInvoke(threadId, JANE, CARD_VERBS.accept, owner.handoverId)),
      post(clickInvoke(threadId, BOB, CARD_VERBS.accept, owner.handoverId)),
    ]);
    const stored = await loadHandover(storage, key);
    expect(stored.phase).toBe('connected');
    const winner = stored.phase === 'connected' ? stored.agent.name : '';
    expect([JANE.name, BOB.name]).toContain(winner);
    // The customer hears of one agent, once.
    expect(log.toCustomer.filter((t) => t.startsWith("You're now talking to"))).toHaveLength(1);
    const accepted = agentCard(cardOf(owner, { kind: 'accepted', by: winner }));
    for (const res of [jane, bob])
      expect(res).toMatchObject({
        status: 200,
        body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: accepted },
      });
    // Everyone in the channel sees it: the card is updated in place.
    const updates = [...jane.sent, ...bob.sent].filter((r) => r.method === 'PUT');
    expect(updates.length).toBeGreaterThanOrEqual(1);
    expect(updates.every((r) => r.replyToId === where.cardActivityId)).toBe(true);
    // The loser is told who has it.
    expect(texts([...jane.sent, ...bob.sent])).toContain(AGENT_TEXT.alreadyAccepted(winner));
  });

  it('the Action.Submit fallback (a message with value) accepts the same way', async () => {
    const { owner, where, key } = await waitingHandover();
    const threadId = where.thread.conversation!.id;
    const { sent } = await post(
      reply(threadId, JANE, '', { value: { verb: CARD_VERBS.accept, handoverId: owner.handoverId } }),
    );
    expect((await loadHandover(storage, key)).phase).toBe('connected');
    expect(log.actions.map((a) => a.action)).toEqual([{ type: 'accept' }]);
    expect(sent.filter((r) => r.method === 'PUT').map((r) => r.replyToId)).toEqual([where.cardActivityId]);
  });

  it('End on the card ends the chat', async () => {
    const { owner, where, key } = await waitingHandover();
    const threadId = where.thread.conversation!.id;
    await post(clickInvoke(threadId, JANE, CARD_VERBS.accept, owner.handoverId));
    const { body } = await post(clickInvoke(threadId, JANE, CARD_VERBS.end, owner.handoverId));
    expect(await loadHandover(storage, key)).toMatchObject({ phase: 'ended', outcome: 'agent-ended' });
    expect(body).toMatchObject({
      value: agentCard(cardOf(owner, { kind: 'closed', outcome: 'agent-ended', by: JANE.name })),
    });
  });
});

describe('agents: writing in the thread', () => {
  async function connected() {
    const made = await waitingHandover();
    await post(clickInvoke(made.where.thread.conversation!.id, JANE, CARD_VERBS.accept, made.owner.handoverId));
    log.toCustomer.length = 0;
    log.actions.length = 0;
    return { ...made, threadId: made.where.thread.conversation!.id };
  }

  it.each<[string, Partial<Activity>, string[], string]>([
    [
      'a reply without a mention reaches the customer',
      { text: 'Hi, I can help with that' },
      ['Jane: Hi, I can help with that'],
      'connected',
    ],
    [
      'a reply that @mentions the bot reaches the customer without the mention',
      {
        text: `${MENTION} try port 465`,
        entities: [{ type: 'mention', text: MENTION, mentioned: BOT }],
      },
      ['Jane: try port 465'],
      'connected',
    ],
    [
      'formatting is kept',
      { text: 'Use <b>port 465</b>', textFormat: 'xml' },
      ['Jane: Use <b>port 465</b>'],
      'connected',
    ],
    ['a /note never reaches the customer', { text: '/note customer sounds upset' }, [], 'connected'],
    ['/end returns the customer to the bot', { text: '/end' }, ["You're back with the assistant."], 'ended'],
    ['/release puts the chat back in the queue', { text: '/release' }, [], 'waiting'],
  ])('%s', async (_name, fields, toCustomer, phase) => {
    const { threadId, key } = await connected();
    await post(reply(threadId, JANE, '', fields));
    expect(
      log.toCustomer.filter((t) => !t.startsWith('How would you rate') && !t.startsWith("You're back in")),
    ).toEqual(toCustomer);
    expect((await loadHandover(storage, key)).phase).toBe(phase);
  });

  it('files are counted, not relayed, and the agent is told', async () => {
    const { threadId } = await connected();
    const file = { contentType: 'application/vnd.microsoft.teams.file.download.info', name: 'log.txt' };
    const html = { contentType: 'text/html', content: '<p>see the log</p>' };
    const { sent } = await post(reply(threadId, JANE, 'see the log', { attachments: [html, file] }));
    expect(log.actions.map((a) => a.action)).toEqual([{ type: 'message', text: 'see the log', files: 1 }]);
    expect(texts(sent)).toContain(AGENT_TEXT.filesNotRelayed);
    expect(JSON.stringify(log.toCustomer)).not.toContain('log.txt');
  });

  it.each<[string, string]>([
    ['an edit', 'messageUpdate'],
    ['a deletion', 'messageDelete'],
  ])('%s is not mirrored: the agent is told once', async (_name, type) => {
    const { threadId } = await connected();
    const first = await post(activity(threadId, JANE, { type, text: 'fixed typo' }));
    const second = await post(activity(threadId, JANE, { type, text: 'again' }));
    expect(log.actions.map((a) => a.action)).toEqual([{ type: 'edit' }, { type: 'edit' }]);
    expect(texts([...first.sent, ...second.sent])).toEqual([AGENT_TEXT.editsNotMirrored]);
    expect(log.toCustomer).toEqual([]);
  });
});

describe('agents: only the support channel, only HANDOFF_AGENT_IDS', () => {
  it('someone not in HANDOFF_AGENT_IDS can neither accept nor write to the customer', async () => {
    const { owner, where, key } = await waitingHandover();
    const threadId = where.thread.conversation!.id;
    const click = await post(clickInvoke(threadId, EVE, CARD_VERBS.accept, owner.handoverId));
    expect(click.body).toMatchObject({
      type: 'application/vnd.microsoft.activity.message',
      value: CONSOLE_TEXT.notAnAgent,
    });
    const message = await post(reply(threadId, EVE, 'hello customer'));
    expect(texts(message.sent)).toEqual([CONSOLE_TEXT.notAnAgent]);
    expect(log.actions).toEqual([]);
    expect((await loadHandover(storage, key)).phase).toBe('waiting');
  });

  it('a click from another team or channel never reaches the desk', async () => {
    const { owner, where } = await waitingHandover();
    const rootId = where.cardActivityId;
    const elsewhere = `${OTHER_CHANNEL};messageid=${rootId}`;
    const res = await post(clickInvoke(elsewhere, JANE, CARD_VERBS.accept, owner.handoverId, OTHER_TEAM));
    expect(res.body).toMatchObject({ value: CONSOLE_TEXT.unknownCard });
    // The support channel's id in channelData, but the team is another: refused too.
    const forged = await post(
      clickInvoke(where.thread.conversation!.id, JANE, CARD_VERBS.accept, owner.handoverId, OTHER_TEAM),
    );
    expect(forged.body).toMatchObject({ value: CONSOLE_TEXT.unknownCard });
    expect(log.actions).toEqual([]);
  });

  it('a click naming another handover than the thread is refused', async () => {
    const { where } = await waitingHandover();
    const res = await post(clickInvoke(where.thread.conversation!.id, JANE, CARD_VERBS.accept, 'h-someone-else'));
    expect(res.body).toMatchObject({ value: CONSOLE_TEXT.unknownCard });
    expect(log.actions).toEqual([]);
  });
});

describe('createTeamsConsole', () => {
  it.each<[string, Record<string, string>, boolean]>([
    [
      'with a support channel',
      { TEAMS_SUPPORT_TEAM_ID: SUPPORT_TEAM.aadGroupId, TEAMS_SUPPORT_CHANNEL_ID: SUPPORT_CHANNEL },
      true,
    ],
    ['without one', {}, false],
  ])('%s: agents can act: %s', (_name, env, agents) => {
    const desk = {} as HandoverDesk;
    const adapter = createAdapter(parseConfig(env), createLogger('silent'));
    const parts = createTeamsConsole({
      adapter,
      config: parseConfig(env),
      references: new MemoryReferenceStore(),
      desk,
    });
    expect(parts.agents !== undefined).toBe(agents);
    expect(createAgentTurns({ config: parseConfig(env), desk }) !== undefined).toBe(agents);
  });
});

describe('the support channel, as Teams names it', () => {
  const SUPPORT = { teamId: SUPPORT_TEAM.aadGroupId, channelId: SUPPORT_CHANNEL };
  const thread = `${SUPPORT_CHANNEL};messageid=1`;
  const named = (conversationId: string, channel: string | undefined, team: Record<string, string> | undefined) =>
    ({
      channelId: 'msteams',
      conversation: { id: conversationId },
      channelData: { channel: channel && { id: channel }, team },
    }) as unknown as Activity;

  it.each<[string, Activity, { teamId: string; channelId: string }, boolean]>([
    ['the channel and the team by its groupId', named(thread, SUPPORT_CHANNEL, SUPPORT_TEAM), SUPPORT, true],
    [
      'the team by its 19: id in config',
      named(thread, SUPPORT_CHANNEL, SUPPORT_TEAM),
      { ...SUPPORT, teamId: SUPPORT_TEAM.id },
      true,
    ],
    // Teams often names the team in a message by its 19: id alone; the channel id is unique to its team.
    ['the team without its groupId', named(thread, SUPPORT_CHANNEL, { id: SUPPORT_TEAM.id }), SUPPORT, true],
    ['another team', named(thread, SUPPORT_CHANNEL, OTHER_TEAM), SUPPORT, false],
    [
      'another 19: team id when config has one',
      named(thread, SUPPORT_CHANNEL, { id: OTHER_TEAM.id }),
      { ...SUPPORT, teamId: SUPPORT_TEAM.id },
      false,
    ],
    ['no team', named(thread, SUPPORT_CHANNEL, undefined), SUPPORT, false],
    ['another channel', named(`${OTHER_CHANNEL};messageid=1`, OTHER_CHANNEL, SUPPORT_TEAM), SUPPORT, false],
    [
      'channelData naming the support channel in another conversation',
      named(`${OTHER_CHANNEL};messageid=1`, SUPPORT_CHANNEL, SUPPORT_TEAM),
      SUPPORT,
      false,
    ],
  ])('%s', (_name, activity, support, expected) => {
    expect(inSupportChannel(activity, support)).toBe(expected);
  });
});

describe('the bot in channels, with every channel message delivered', () => {
  it.each<[string, string]>([
    ['the support channel', SUPPORT_CHANNEL],
    ['another channel', OTHER_CHANNEL],
  ])('ignores an unmentioned message outside handover threads in %s', async (_name, channel) => {
    const { sent, status } = await post(reply(`${channel};messageid=${++serial}`, JANE, 'lunch at 1?'));
    expect(status).toBeLessThan(300);
    expect(sent).toEqual([]);
    expect(log.actions).toEqual([]);
  });

  it('keeps no transcript of what people say among themselves', async () => {
    const threadId = `${OTHER_CHANNEL};messageid=${++serial}`;
    const { sent } = await post(reply(threadId, JANE, 'lunch at 1?', {}, OTHER_TEAM), durableUrl);
    expect(sent).toEqual([]);
    expect((await stores.transcripts.getTranscriptActivities('msteams', threadId)).items).toEqual([]);
  });

  it('answers a message that @mentions it, as before, and keeps its transcript', async () => {
    const threadId = `${SUPPORT_CHANNEL};messageid=${++serial}`;
    const mentioned = {
      text: `${MENTION} what port for smtp`,
      entities: [{ type: 'mention', text: MENTION, mentioned: BOT }],
    };
    const { sent } = await post(reply(threadId, JANE, '', mentioned), durableUrl);
    expect(texts(sent).join('\n')).toMatch(/465/);
    expect(log.actions).toEqual([]);
    const recorded = (await stores.transcripts.getTranscriptActivities('msteams', threadId)).items;
    expect(recorded.map((a) => a.from.role)).toEqual(['user', 'bot']);
  });

  it('keeps hearing unmentioned answers in a thread where it is in a dialog', async () => {
    const threadId = `${OTHER_CHANNEL};messageid=${++serial}`;
    const start = {
      text: `${MENTION} switch pop to imap`,
      entities: [{ type: 'mention', text: MENTION, mentioned: BOT }],
    };
    await post(reply(threadId, JANE, '', start, OTHER_TEAM));
    const { sent } = await post(reply(threadId, JANE, 'Outlook', {}, OTHER_TEAM));
    expect(texts(sent).join('\n')).toMatch(/Step 2 of 6/);
    expect(texts(sent).join('\n')).not.toContain(SAY.help);
  });
});
