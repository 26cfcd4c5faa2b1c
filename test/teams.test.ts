/** Microsoft Teams over HTTP: Teams-shaped activities to the real server, replies recorded by a connector stand-in. */
import type { Activity, ConversationAccount, ConversationReference } from 'botbuilder';
import type { Server } from 'restify';
import { startConnector, type ConnectorStandIn, type Recorded } from '../bench/connector-stand-in';
import {
  botMiddleware,
  createBot,
  MemoryReferenceStore,
  supportChannelPoster,
  type PostToSupportChannel,
} from '../bots';
import { TEAMS_MAX_SUGGESTED_ACTIONS } from '../bots/teams-middleware';
import { TEAMS_SAY } from '../bots/teams-texts';
import { COMMANDS } from '../teams/app-info';
import { parseConfig } from '../config';
import { BUTTONS, SAY } from '../dialogs/texts';
import { createAnswerer } from '../knowledge';
import { createLogger } from '../logger';
import { createAdapter, createServer, listen, shutdown } from '../server';

const BOT = { id: '28:0f4b5a1e-8c2d-4e6f-9a7b-1c2d3e4f5a6b', name: 'BT Email help' };
const USER = { id: '29:1user-agent', name: 'Sam Agent', aadObjectId: '6a1f3c2e-0000-4000-8000-000000000001' };
const TENANT = 'tenant-3f1c';
const SUPPORT_TEAM = {
  id: '19:support-general@thread.tacv2',
  name: 'BT Email support',
  aadGroupId: '0d5e8c7a-1b2c-4d3e-9f8a-7b6c5d4e3f2a',
};
const SUPPORT_CHANNEL = '19:support-desk@thread.tacv2';
const OTHER_TEAM = {
  id: '19:other-general@thread.tacv2',
  name: 'Marketing',
  aadGroupId: 'b1c2d3e4-0000-4000-8000-00000000000f',
};
const MENTION = `<at>${BOT.name}</at>`;

const answerer = createAnswerer();
const config = parseConfig({
  TEAMS_SUPPORT_TEAM_ID: SUPPORT_TEAM.aadGroupId,
  TEAMS_SUPPORT_CHANNEL_ID: SUPPORT_CHANNEL,
});
let server: Server;
let url: string;
let connector: ConnectorStandIn;
let references: MemoryReferenceStore;
let postToSupportChannel: PostToSupportChannel;
let adapter: ReturnType<typeof createAdapter>;

beforeAll(async () => {
  const logger = createLogger('silent');
  references = new MemoryReferenceStore();
  adapter = createAdapter(config, logger).use(...botMiddleware());
  server = createServer({ adapter, bot: createBot({ answerer, config, references }), logger });
  url = await listen(server, 0, '127.0.0.1');
  connector = await startConnector();
  postToSupportChannel = supportChannelPoster({
    adapter,
    appId: config.microsoftAppId,
    channelId: config.teamsSupportChannelId,
    references,
  });
});

afterAll(async () => {
  await shutdown(server);
  await connector.close();
});

// ---- Teams-shaped conversations and activities ----

type Scope = 'personal' | 'groupChat' | 'channel';
let serial = 0;
const nextId = () => `${1_700_000_000_000 + ++serial}`;

/** A fresh conversation of each kind; a channel conversation is a thread: "<channel>;messageid=<root post>". */
function conversation(scope: Scope, channel = '19:email-help@thread.tacv2'): ConversationAccount {
  const base = { tenantId: TENANT, name: '' };
  if (scope === 'personal')
    return { ...base, id: `a:personal-${nextId()}`, conversationType: 'personal', isGroup: false };
  if (scope === 'groupChat')
    return { ...base, id: `19:chat-${nextId()}@thread.v2`, conversationType: 'groupChat', isGroup: true };
  return { ...base, id: `${channel};messageid=${nextId()}`, conversationType: 'channel', isGroup: true };
}

function channelData(conv: ConversationAccount, team = SUPPORT_TEAM, eventType?: string): Record<string, unknown> {
  const data: Record<string, unknown> = { tenant: { id: TENANT } };
  if (eventType) data.eventType = eventType;
  if (conv.conversationType === 'channel') {
    data.team = team;
    data.channel = { id: conv.id.split(';')[0] };
  }
  return data;
}

function teamsActivity(conv: ConversationAccount, fields: Partial<Activity>): Partial<Activity> {
  return {
    id: nextId(),
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
    timestamp: new Date(),
    locale: 'en-GB',
    conversation: conv,
    from: USER,
    recipient: BOT,
    channelData: channelData(conv),
    ...fields,
  };
}

/** What a person types; in chats with more than the bot, Teams only delivers it with the bot's @mention. */
function said(conv: ConversationAccount, text: string): Partial<Activity> {
  if (conv.conversationType === 'personal') return teamsActivity(conv, { type: 'message', text });
  return teamsActivity(conv, {
    type: 'message',
    text: `${MENTION} ${text}`,
    textFormat: 'plain',
    entities: [
      { type: 'mention', text: MENTION, mentioned: BOT },
      { type: 'clientInfo', locale: 'en-GB', country: 'GB', platform: 'Web' },
    ],
  });
}

/** A card button clicked: Teams posts these without a mention, in every scope. */
function clicked(conv: ConversationAccount, shape: Partial<Activity>): Partial<Activity> {
  return teamsActivity(conv, { type: 'message', ...shape });
}

/** Posts an activity and returns what the bot sent (typing left out); the turn is over when the POST returns. */
async function post(activity: Partial<Activity>): Promise<Recorded[]> {
  const before = connector.sent.length;
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  expect(res.status).toBeLessThan(300);
  return connector.sent.slice(before).filter((r) => r.activity.type !== 'typing');
}

const textOf = (sent: Recorded[]) => sent.map((r) => String(r.activity.text ?? '')).join('\n');
const suggestedOf = (r: Recorded) =>
  ((r.activity.suggestedActions as { actions?: unknown[] } | undefined)?.actions ?? []).length;

interface Button {
  title: string;
  data: Record<string, unknown>;
}

/** Every Action.Submit in a recorded reply's Adaptive Cards. */
function buttonsOf(r: Recorded): Button[] {
  const attachments = (r.activity.attachments ?? []) as { contentType: string; content: unknown }[];
  const found: Button[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o.type === 'Action.Submit') found.push({ title: String(o.title), data: o.data as Record<string, unknown> });
    Object.values(o).forEach(walk);
  };
  attachments
    .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
    .forEach((a) => walk(a.content));
  return found;
}

// ---- Tests ----

describe('Teams: questions in every kind of conversation', () => {
  it.each<[string, Scope, string, RegExp]>([
    ['personal chat, no mention needed', 'personal', 'what port for smtp', /465/],
    ['group chat, @mention removed', 'groupChat', 'what port for smtp', /465/],
    ['channel, @mention removed', 'channel', 'imap server', /imap\.mail\.btinternet\.com|mail\.btinternet\.com/],
    ['channel, another person mentioned too', 'channel', 'tell <at>Alex Jones</at> the smtp port', /465/],
  ])('%s', async (_name, scope, text, expected) => {
    const conv = conversation(scope);
    const activity = said(conv, text);
    const sent = await post(activity);
    expect(sent.length).toBeGreaterThan(0);
    expect(textOf(sent)).toMatch(expected);
    for (const r of sent) {
      // Replies go to the conversation the message came from: in a channel, that is its thread.
      expect(r.conversationId).toBe(conv.id);
      expect(r.replyToId).toBe(activity.id);
      expect(JSON.stringify(r.activity)).not.toMatch(/<\/?at>/);
    }
  });

  it.each<[string, string]>([
    ['mention first', `${MENTION} smtp settings`],
    ['mention last', `smtp settings ${MENTION}`],
    ['mention twice', `${MENTION} smtp settings ${MENTION}`],
  ])('understands the question with the %s', async (_name, text) => {
    const conv = conversation('channel');
    const sent = await post({ ...said(conv, ''), text });
    expect(textOf(sent)).toMatch(/SMTP/);
    expect(textOf(sent)).not.toContain(SAY.notText);
  });

  it.each<[string, string]>([
    ['thanks', SAY.thanks],
    ['hello', SAY.greeting],
    ['cancel', SAY.cancelled],
  ])('reads only what follows the @mention: "%s"', async (text, expected) => {
    const sent = await post(said(conversation('groupChat'), text));
    expect(sent.map((r) => r.activity.text)).toEqual([expected]);
  });

  it('answers a bare @mention with help, in the thread', async () => {
    const conv = conversation('channel');
    const sent = await post(said(conv, ''));
    expect(sent).toHaveLength(1);
    expect(sent[0]?.activity.text).toBe(SAY.help);
    expect(sent[0]?.conversationId).toBe(conv.id);
    expect(buttonsOf(sent[0]!).map((b) => b.title)).toEqual(BUTTONS.menu.map((b) => b.title));
  });
});

describe("Teams: the app's command list", () => {
  // Each command the manifest lists, as Teams sends it when picked from the menu in a channel.
  const EXPECTED: Record<string, RegExp> = {
    'smtp settings': /SMTP/,
    'imap settings': /IMAP/,
    'pop3 settings': /POP3?/,
    'error 530': new RegExp(escape(SAY.askProgramForError)),
    'switch pop to imap': /Step 1 of 6/,
    help: new RegExp(escape(SAY.help)),
    'talk to a person': new RegExp(escape(SAY.human(config.supportContact))),
  };

  it('has an expectation for every command', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(COMMANDS.map((c) => c.title).sort());
  });

  it.each(COMMANDS.map((c) => c.title))('"%s" gets its answer in the thread', async (command) => {
    const conv = conversation('channel');
    const sent = await post(said(conv, command));
    expect(textOf(sent)).toMatch(EXPECTED[command]!);
    expect(sent.every((r) => r.conversationId === conv.id)).toBe(true);
  });
});

describe('Teams: suggested actions only in personal chat, at most 3', () => {
  it.each<[Scope, number, string[]]>([
    ['personal', 3, []],
    ['groupChat', 0, ['Next', 'Back', 'Cancel']],
    ['channel', 0, ['Next', 'Back', 'Cancel']],
  ])('%s: a walkthrough step has %i suggested actions and card buttons %j', async (scope, suggested, buttons) => {
    const conv = conversation(scope);
    await post(said(conv, 'switch pop to imap'));
    const [step] = await post(clicked(conv, { text: 'Outlook' }));
    expect(step?.activity.text).toMatch(/^Step 2 of 6/);
    expect(suggestedOf(step!)).toBe(suggested);
    expect(buttonsOf(step!).map((b) => b.title)).toEqual(buttons);
  });

  it.each<Scope>(['personal', 'groupChat', 'channel'])(
    '%s: more than 3 choices become card buttons that post their text back (imBack)',
    async (scope) => {
      const conv = conversation(scope);
      const sent = await post(said(conv, 'switch pop to imap'));
      const step = sent.find((r) => /Step 1 of 6/.test(String(r.activity.text)));
      expect(suggestedOf(step!)).toBe(0);
      const buttons = buttonsOf(step!);
      expect(buttons.map((b) => b.title)).toEqual(expect.arrayContaining(['Outlook', 'Thunderbird', 'Cancel']));
      for (const b of buttons) expect(b.data).toMatchObject({ msteams: { type: 'imBack', value: expect.any(String) } });
    },
  );

  it('no reply in any scope breaks the rule', () => {
    const teamsReplies = connector.sent.filter((r) => r.activity.channelId === 'msteams');
    expect(teamsReplies.length).toBeGreaterThan(10);
    for (const r of teamsReplies) {
      const type = (r.activity.conversation as ConversationAccount).conversationType;
      const count = suggestedOf(r);
      if (type !== 'personal') expect(count).toBe(0);
      expect(count).toBeLessThanOrEqual(TEAMS_MAX_SUGGESTED_ACTIONS);
    }
  });
});

describe('Teams: card buttons are understood like typed text', () => {
  // How Teams delivers a click on an Adaptive Card Action.Submit, depending on its data.
  it.each<[string, Partial<Activity>]>([
    ['imBack (Teams posts the value as text)', { text: 'Next' }],
    ['messageBack (text plus a value)', { text: 'next', value: { action: 'next' } }],
    ['plain Action.Submit data as value', { value: { text: 'Next', msteams: { type: 'imBack', value: 'Next' } } }],
    ['msteams data only in value', { value: { msteams: { type: 'messageBack', value: 'Next' } } }],
    ['a value that is just the text', { value: 'next' }],
  ])('%s moves the walkthrough on in a channel thread', async (_name, shape) => {
    const conv = conversation('channel');
    await post(said(conv, 'switch pop to imap'));
    await post(clicked(conv, { text: 'Outlook' }));
    const sent = await post(clicked(conv, shape));
    expect(textOf(sent)).toMatch(/^Step 3 of 6/m);
    expect(sent.every((r) => r.conversationId === conv.id)).toBe(true);
  });
});

describe('Teams: multi-turn dialogs stay in their thread', () => {
  it.each<[Scope, [Partial<Activity> | string, RegExp][]]>([
    [
      'personal',
      [
        ['error 530', new RegExp(escape(SAY.askProgramForError))],
        [{ text: 'Outlook' }, new RegExp(escape(SAY.didThatFix))],
        [{ text: 'yes' }, new RegExp(escape(SAY.fixed))],
      ],
    ],
    [
      'channel',
      [
        ['error 530', new RegExp(escape(SAY.askProgramForError))],
        [{ text: 'Thunderbird' }, /Thunderbird/],
        [{ text: 'no' }, new RegExp(escape(SAY.nextChecks))],
        [{ text: 'no' }, new RegExp(escape(SAY.stillBroken))],
      ],
    ],
    [
      'groupChat',
      [
        ['switch pop to imap', /Step 1 of 6/],
        ['iPhone', /Step 2 of 6/],
        [{ text: 'Back' }, /Step 1 of 6/],
        ['cancel', new RegExp(escape(SAY.cancelled))],
      ],
    ],
  ])('%s: the error explainer and the walkthrough run turn by turn', async (scope, turns) => {
    const conv = conversation(scope);
    for (const [input, expected] of turns) {
      const activity = typeof input === 'string' ? said(conv, input) : clicked(conv, input);
      const sent = await post(activity);
      expect(textOf(sent)).toMatch(expected);
      expect(sent.every((r) => r.conversationId === conv.id)).toBe(true);
    }
  });

  it('keeps threads of one channel apart', async () => {
    const a = conversation('channel', '19:shared@thread.tacv2');
    const b = conversation('channel', '19:shared@thread.tacv2');
    await post(said(a, 'switch pop to imap'));
    await post(clicked(a, { text: 'Outlook' }));
    expect(textOf(await post(clicked(b, { text: 'Next' })))).not.toMatch(/Step \d of 6/);
    expect(textOf(await post(clicked(a, { text: 'Next' })))).toMatch(/Step 3 of 6/);
  });

  it('a bare @mention mid-walkthrough shows help and keeps the step', async () => {
    const conv = conversation('channel');
    await post(said(conv, 'switch pop to imap'));
    await post(clicked(conv, { text: 'Outlook' }));
    expect(textOf(await post(said(conv, '')))).toBe(SAY.help);
    expect(textOf(await post(clicked(conv, { text: 'Next' })))).toMatch(/Step 3 of 6/);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('Teams: joining teams and chats', () => {
  const added = (conv: ConversationAccount, members: { id: string; name: string }[], team = SUPPORT_TEAM) =>
    teamsActivity(
      { ...conv, id: conv.id.split(';')[0]! },
      {
        type: 'conversationUpdate',
        membersAdded: members,
        channelData: { ...channelData(conv, team, 'teamMemberAdded') },
      },
    );
  const people = [1, 2, 3].map((n) => ({ id: `29:person-${n}`, name: `Person ${n}` }));

  it.each<[string, () => Partial<Activity>, string[]]>([
    [
      'the bot added to a team: one introduction in General',
      () => added(conversation('channel', SUPPORT_TEAM.id), [BOT]),
      [TEAMS_SAY.introduction(BOT.name)],
    ],
    [
      'the bot added with three people at once: still one',
      () => added(conversation('channel', OTHER_TEAM.id), [...people, BOT], OTHER_TEAM),
      [TEAMS_SAY.introduction(BOT.name)],
    ],
    ['people joining the team later: nothing', () => added(conversation('channel', SUPPORT_TEAM.id), people), []],
    ['one more person: nothing', () => added(conversation('channel', SUPPORT_TEAM.id), [people[0]!]), []],
    [
      'the bot added to a group chat: one introduction',
      () => added(conversation('groupChat'), [BOT]),
      [TEAMS_SAY.introduction(BOT.name)],
    ],
    ['someone added to that group chat: nothing', () => added(conversation('groupChat'), [people[1]!]), []],
    ['the bot installed for one person: the welcome', () => added(conversation('personal'), [BOT]), [SAY.welcome]],
  ])('%s', async (_name, make, expected) => {
    const activity = make();
    const sent = await post(activity);
    expect(sent.map((r) => r.activity.text)).toEqual(expected);
    for (const r of sent) expect(r.conversationId).toBe(activity.conversation?.id);
  });

  it('remembers each team and channel it hears from, and the support channel of the support team', async () => {
    await post(added(conversation('channel', SUPPORT_TEAM.id), [BOT]));
    await post(said(conversation('channel', '19:email-help@thread.tacv2'), 'smtp port'));
    await post(added(conversation('channel', OTHER_TEAM.id), [BOT], OTHER_TEAM));
    const keys = (await references.list()).map((e) => e.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        `msteams:${SUPPORT_TEAM.id}`,
        `msteams:${SUPPORT_CHANNEL}`,
        'msteams:19:email-help@thread.tacv2',
        `msteams:${OTHER_TEAM.id}`,
      ]),
    );
    for (const { reference } of await references.list()) {
      // A channel reference addresses the channel itself (a new post), and holds no one's identity.
      expect(reference.conversation?.id).not.toContain(';messageid=');
      expect(reference.user).toBeUndefined();
      expect(reference.activityId).toBeUndefined();
      expect(reference).toMatchObject({ channelId: 'msteams', serviceUrl: connector.serviceUrl, bot: BOT });
    }
  });

  const teamEvent = (team: typeof OTHER_TEAM, fields: Partial<Activity>, channel = team.id, eventType?: string) =>
    teamsActivity(
      { id: team.id, conversationType: 'channel', isGroup: true, tenantId: TENANT, name: '' },
      { channelData: { tenant: { id: TENANT }, team, channel: { id: channel }, eventType }, ...fields },
    );
  const THIRD_TEAM = {
    id: '19:third-general@thread.tacv2',
    name: 'Third',
    aadGroupId: 'c1c2d3e4-0000-4000-8000-000000000003',
  };

  it.each<[string, () => Partial<Activity>, string, boolean]>([
    [
      'a channel created in a team',
      () => teamEvent(OTHER_TEAM, { type: 'conversationUpdate' }, '19:new-channel@thread.tacv2', 'channelCreated'),
      'msteams:19:new-channel@thread.tacv2',
      true,
    ],
    [
      'not a channel being deleted',
      () => teamEvent(OTHER_TEAM, { type: 'conversationUpdate' }, '19:gone-channel@thread.tacv2', 'channelDeleted'),
      'msteams:19:gone-channel@thread.tacv2',
      false,
    ],
    [
      'not a team the bot is removed from',
      () =>
        teamEvent(
          THIRD_TEAM,
          { type: 'conversationUpdate', membersRemoved: [BOT] },
          THIRD_TEAM.id,
          'teamMemberRemoved',
        ),
      `msteams:${THIRD_TEAM.id}`,
      false,
    ],
    [
      'not a team the app is uninstalled from',
      () => teamEvent(THIRD_TEAM, { type: 'installationUpdate', action: 'remove' }),
      `msteams:${THIRD_TEAM.id}`,
      false,
    ],
  ])('remembers %s', async (_name, make, key, stored) => {
    expect(await post(make())).toEqual([]);
    expect((await references.list()).some((e) => e.key === key)).toBe(stored);
  });

  it.each(['adaptiveCard/action', 'task/fetch', 'composeExtension/query', 'signin/verifyState'])(
    'answers an invoke it does not handle (%s) with 501 and sends nothing',
    async (name) => {
      const before = connector.sent.length;
      const activity = teamsActivity(conversation('personal'), { type: 'invoke', name, value: {} });
      const res = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      expect(res.status).toBe(501);
      expect(connector.sent.slice(before).filter((r) => r.activity.type !== 'typing')).toEqual([]);
    },
  );

  it('remembers nothing from personal or group chats', async () => {
    const before = (await references.list()).length;
    await post(said(conversation('personal'), 'smtp port'));
    await post(said(conversation('groupChat'), 'smtp port'));
    expect(await references.list()).toHaveLength(before);
  });
});

describe('Teams: posting to the support channel', () => {
  it('posts a new thread in the support channel, proactively', async () => {
    await post(
      teamsActivity(
        { id: SUPPORT_TEAM.id, conversationType: 'channel', isGroup: true, tenantId: TENANT, name: '' },
        {
          type: 'conversationUpdate',
          membersAdded: [BOT],
          channelData: {
            tenant: { id: TENANT },
            team: SUPPORT_TEAM,
            channel: { id: SUPPORT_TEAM.id },
            eventType: 'teamMemberAdded',
          },
        },
      ),
    );
    const arriving = connector.waitFor(SUPPORT_CHANNEL, 1);
    const result = await postToSupportChannel('A customer needs help with error 530 on Outlook.');
    const [posted] = await arriving;
    expect(posted?.activity).toMatchObject({
      type: 'message',
      text: 'A customer needs help with error 530 on Outlook.',
      from: BOT,
      conversation: { id: SUPPORT_CHANNEL },
    });
    // A new post, not a reply: sent to /v3/conversations/<channel>/activities.
    expect(posted?.replyToId).toBeUndefined();
    expect(result.kind).toBe('posted');
    if (result.kind !== 'posted') return;
    expect(result.thread.conversation?.id).toMatch(new RegExp(`^${escape(SUPPORT_CHANNEL)};messageid=.+`));
  });

  it('rejects when Teams refuses the post, and posts no apology into the channel', async () => {
    const before = connector.sent.length;
    connector.throttle(1_000, 0);
    try {
      await expect(postToSupportChannel('Handover requested.')).rejects.toThrow();
    } finally {
      connector.throttle(0);
    }
    expect(connector.sent.slice(before)).toEqual([]);
  });

  it('can answer in the thread it started, and fits buttons to the channel', async () => {
    const result = await postToSupportChannel('Handover requested.');
    if (result.kind !== 'posted') throw new Error(`not posted: ${result.kind}`);
    const thread = result.thread.conversation!.id;
    const arriving = connector.waitFor(thread, 1);
    await adapter.continueConversationAsync('', result.thread as ConversationReference, async (context) => {
      await context.sendActivity({
        type: 'message',
        text: 'Who takes it?',
        suggestedActions: { to: [], actions: [{ type: 'imBack', title: 'I will', value: 'I will' }] },
      });
    });
    const [reply] = await arriving;
    expect(reply?.activity.text).toBe('Who takes it?');
    expect(suggestedOf(reply!)).toBe(0);
    expect(buttonsOf(reply!).map((b) => b.title)).toEqual(['I will']);
  });

  it.each<[string, Parameters<typeof supportChannelPoster>[0]['channelId'], string]>([
    ['no support channel configured', undefined, 'not-configured'],
    ['a channel the bot has not been added to', '19:elsewhere@thread.tacv2', 'not-in-channel'],
  ])('says why nothing was posted: %s', async (_name, channelId, kind) => {
    const before = connector.sent.length;
    const poster = supportChannelPoster({ adapter, channelId, references });
    expect(await poster('hello')).toEqual({ kind });
    expect(connector.sent.length).toBe(before);
  });
});

describe('Teams: Bot Framework authentication', () => {
  let authServer: Server;
  let authUrl: string;
  beforeAll(async () => {
    const authConfig = parseConfig({
      MicrosoftAppId: BOT.id.slice(3),
      MicrosoftAppPassword: 'secret',
      MicrosoftAppTenantId: TENANT,
    });
    const logger = createLogger('silent');
    const authAdapter = createAdapter(authConfig, logger).use(...botMiddleware());
    authServer = createServer({ adapter: authAdapter, bot: createBot({ answerer, config: authConfig }), logger });
    authUrl = await listen(authServer, 0, '127.0.0.1');
  });
  afterAll(() => shutdown(authServer));

  it.each<[string, Record<string, string>]>([
    ['no Authorization header', {}],
    ['a token that is not a Bot Framework token', { authorization: 'Bearer not-a-real-token' }],
  ])('refuses a Teams message with %s (401) and sends nothing', async (_name, headers) => {
    // botbuilder prints the AuthenticationError with console.error; keep the test output clean.
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const before = connector.sent.length;
      const res = await fetch(`${authUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(said(conversation('channel'), 'smtp settings')),
      });
      expect(res.status).toBe(401);
      expect(connector.sent.length).toBe(before);
    } finally {
      consoleError.mockRestore();
    }
  });
});
