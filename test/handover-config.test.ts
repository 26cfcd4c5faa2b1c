import { ConfigError, parseConfig, type Config } from '../config';
import { IN_PROCESS_SERVICE_URL } from '../directline/adapter';
import { DIRECTLINE_CHANNEL_ID } from '../directline/service';
import {
  agentNameForCustomer,
  BUILT_IN_DIRECTLINE_SERVICE_URL,
  handoverTargetFor,
  type HandoverConfig,
} from '../handover/config';
import { ALWAYS_OPEN } from '../handover/hours';
import { problemsOf } from './helpers/config-problems';

const TEAMS = {
  TEAMS_SUPPORT_TEAM_ID: '19:team@thread.tacv2',
  TEAMS_SUPPORT_CHANNEL_ID: '19:channel@thread.tacv2',
};
const SECRET = { HANDOFF_WEBHOOK_SECRET: 'w'.repeat(40) };
const AGENT = '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
const OTHER_AGENT = 'A1B2C3D4-E5F6-4A7B-8C9D-0E1F2A3B4C5D';

describe('handover settings', () => {
  it('default to the support contact, a 10-minute wait, 15 idle minutes, first names, always open in London', () => {
    expect(parseConfig({})).toMatchObject({
      handoffTarget: 'contact',
      handoffFallbackTarget: 'contact',
      handoffEventChannels: [],
      handoffWaitMinutes: 10,
      handoffIdleMinutes: 15,
      handoffAgentIds: undefined,
      handoffAgentName: 'first',
      handoffWebhookUrl: undefined,
      supportHours: { timeZone: 'Europe/London', week: ALWAYS_OPEN, closedDates: [] },
    });
  });

  it.each<[string, NodeJS.ProcessEnv, Partial<Config>]>([
    ['teams by default with the support channel', TEAMS, { handoffTarget: 'teams', handoffFallbackTarget: 'teams' }],
    ['contact chosen over teams', { ...TEAMS, HANDOFF_TARGET: 'contact' }, { handoffTarget: 'contact' }],
    [
      'event, other channels to the support channel',
      { ...TEAMS, HANDOFF_TARGET: 'Event', HANDOFF_EVENT_CHANNELS: 'directline, Slack' },
      { handoffTarget: 'event', handoffFallbackTarget: 'teams', handoffEventChannels: ['directline', 'slack'] },
    ],
    [
      'event, other channels to the contact',
      { HANDOFF_TARGET: 'event', HANDOFF_EVENT_CHANNELS: 'directline' },
      { handoffTarget: 'event', handoffFallbackTarget: 'contact' },
    ],
    [
      'wait and idle minutes',
      { HANDOFF_WAIT_MINUTES: '5', HANDOFF_IDLE_MINUTES: '30' },
      { handoffWaitMinutes: 5, handoffIdleMinutes: 30 },
    ],
    [
      'agent ids, lower-cased',
      { HANDOFF_AGENT_IDS: `${AGENT}, ${OTHER_AGENT}` },
      { handoffAgentIds: [AGENT, OTHER_AGENT.toLowerCase()] },
    ],
    ['full agent names', { HANDOFF_AGENT_NAME: 'FULL' }, { handoffAgentName: 'full' }],
    [
      'an https webhook',
      { ...SECRET, HANDOFF_WEBHOOK_URL: 'https://tickets.example.com/hooks/bot?queue=email' },
      { handoffWebhookUrl: 'https://tickets.example.com/hooks/bot?queue=email' },
    ],
    [
      'an http webhook on loopback',
      { ...SECRET, HANDOFF_WEBHOOK_URL: 'http://127.0.0.1:8080/t' },
      { handoffWebhookUrl: 'http://127.0.0.1:8080/t' },
    ],
    [
      'hours, zone (canonical name) and closed dates (sorted, once each)',
      {
        SUPPORT_HOURS: 'Sat 09:00-17:00',
        SUPPORT_TIMEZONE: 'europe/dublin',
        SUPPORT_CLOSED_DATES: '2025-12-26, 2025-12-25 2025-12-26',
      },
      {
        supportHours: {
          timeZone: 'Europe/Dublin',
          week: [[], [], [], [], [], [], [{ start: 540, end: 1020 }]],
          closedDates: ['2025-12-25', '2025-12-26'],
        },
      },
    ],
    [
      'a leap day',
      { SUPPORT_CLOSED_DATES: '2028-02-29' },
      { supportHours: expect.objectContaining({ closedDates: ['2028-02-29'] }) },
    ],
  ])('reads %s', (_name, env, expected) => {
    expect(parseConfig(env)).toMatchObject(expected);
  });

  it.each<[string, NodeJS.ProcessEnv, string[]]>([
    [
      'an unknown target',
      { HANDOFF_TARGET: 'phone' },
      ['HANDOFF_TARGET: got "phone"; set it to teams, event or contact'],
    ],
    [
      'teams without the support channel',
      { HANDOFF_TARGET: 'teams', TEAMS_SUPPORT_TEAM_ID: TEAMS.TEAMS_SUPPORT_TEAM_ID },
      [
        'TEAMS_SUPPORT_CHANNEL_ID: missing, but TEAMS_SUPPORT_TEAM_ID is set',
        'HANDOFF_TARGET: teams, but TEAMS_SUPPORT_TEAM_ID and TEAMS_SUPPORT_CHANNEL_ID are not both set',
      ],
    ],
    [
      'event without channels',
      { HANDOFF_TARGET: 'event' },
      ['HANDOFF_EVENT_CHANNELS: missing (required for HANDOFF_TARGET=event)'],
    ],
    [
      'event to Teams',
      { HANDOFF_TARGET: 'event', HANDOFF_EVENT_CHANNELS: 'directline,msteams' },
      ['HANDOFF_EVENT_CHANNELS: names msteams; remove it: Teams refuses the handoff event (400)'],
    ],
    [
      'a channel id of the wrong shape',
      { HANDOFF_TARGET: 'event', HANDOFF_EVENT_CHANNELS: 'direct.line' },
      ['HANDOFF_EVENT_CHANNELS: got "direct.line"'],
    ],
    [
      'event channels with another target',
      { HANDOFF_EVENT_CHANNELS: 'directline' },
      ['HANDOFF_EVENT_CHANNELS: set, but HANDOFF_TARGET is contact'],
    ],
    [
      'no wait',
      { HANDOFF_WAIT_MINUTES: '0' },
      ['HANDOFF_WAIT_MINUTES: got "0"; set it to whole minutes from 1 to 1440'],
    ],
    ['a fractional wait', { HANDOFF_WAIT_MINUTES: '2.5' }, ['HANDOFF_WAIT_MINUTES: got "2.5"']],
    ['idle over a day', { HANDOFF_IDLE_MINUTES: '1441' }, ['HANDOFF_IDLE_MINUTES: got "1441"']],
    [
      'idle no longer than the wait',
      { HANDOFF_WAIT_MINUTES: '20' },
      ['HANDOFF_IDLE_MINUTES: 15, not more than HANDOFF_WAIT_MINUTES (20); make it longer than the wait'],
    ],
    [
      'an agent id that is a name',
      { HANDOFF_AGENT_IDS: `${AGENT},jane@bt.com` },
      ['HANDOFF_AGENT_IDS: not an object id: "jane@bt.com"'],
    ],
    ['agent ids of separators only', { HANDOFF_AGENT_IDS: ' , ' }, ['HANDOFF_AGENT_IDS: names no id']],
    [
      'an unknown name form',
      { HANDOFF_AGENT_NAME: 'initials' },
      ['HANDOFF_AGENT_NAME: got "initials"; set it to first'],
    ],
    [
      'a webhook without its secret',
      { HANDOFF_WEBHOOK_URL: 'https://tickets.example.com/' },
      ['HANDOFF_WEBHOOK_SECRET: missing, but HANDOFF_WEBHOOK_URL is set (tickets are signed with it)'],
    ],
    [
      'a webhook over plain http',
      { ...SECRET, HANDOFF_WEBHOOK_URL: 'http://tickets.example.com/' },
      ['HANDOFF_WEBHOOK_URL: got "http://tickets.example.com/"; give the full https URL'],
    ],
    [
      'a webhook that is not a URL',
      { ...SECRET, HANDOFF_WEBHOOK_URL: 'tickets' },
      ['HANDOFF_WEBHOOK_URL: got "tickets"'],
    ],
    [
      'a webhook on another scheme',
      { ...SECRET, HANDOFF_WEBHOOK_URL: 'ftp://127.0.0.1/' },
      ['HANDOFF_WEBHOOK_URL: got "ftp://127.0.0.1/"'],
    ],
    [
      'a webhook with a fragment',
      { ...SECRET, HANDOFF_WEBHOOK_URL: 'https://t.example.com/#x' },
      ['HANDOFF_WEBHOOK_URL: got "https://t.example.com/#x"'],
    ],
    [
      'a webhook too long',
      { ...SECRET, HANDOFF_WEBHOOK_URL: `https://t.example.com/${'a'.repeat(2100)}` },
      ['HANDOFF_WEBHOOK_URL: got "https://t.example.com/aaaa'],
    ],
    [
      'a webhook with credentials, never echoed',
      { ...SECRET, HANDOFF_WEBHOOK_URL: 'https://bot:hunter2@tickets.example.com/' },
      ['HANDOFF_WEBHOOK_URL: holds a user name or password; remove them'],
    ],
    [
      'a night in the hours',
      { SUPPORT_HOURS: 'Mon 22:00-06:00' },
      ['SUPPORT_HOURS: "22:00-06:00" ends before it starts'],
    ],
    [
      'two problems in the hours, one line',
      { SUPPORT_HOURS: 'Mon-Fri; Someday 09:00-10:00' },
      ['SUPPORT_HOURS: "Mon-Fri" gives no time, such as 08:00-20:00; "Someday" is not a day'],
    ],
    [
      'an unknown zone',
      { SUPPORT_TIMEZONE: 'London' },
      ['SUPPORT_TIMEZONE: got "London", a time zone this Node.js does not know'],
    ],
    [
      'a date that does not exist',
      { SUPPORT_CLOSED_DATES: '2025-12-25,2025-02-30,25/12/2025' },
      ['SUPPORT_CLOSED_DATES: not a date: "2025-02-30", "25/12/2025"'],
    ],
    [
      'too many dates',
      { SUPPORT_CLOSED_DATES: Array(1001).fill('2025-12-25').join(',') },
      ['SUPPORT_CLOSED_DATES: 1001 dates'],
    ],
  ])('rejects %s', (_name, env, expected) => {
    const problems = problemsOf(env);
    expect(problems).toHaveLength(expected.length);
    expected.forEach((start, i) => expect(problems[i]).toContain(start));
  });

  it('lists every handover problem at once, and never prints the webhook password', () => {
    const env = {
      HANDOFF_TARGET: 'teams',
      HANDOFF_WAIT_MINUTES: 'ten',
      HANDOFF_AGENT_NAME: 'nick',
      HANDOFF_WEBHOOK_URL: 'https://bot:hunter2@tickets.example.com/',
      SUPPORT_HOURS: 'weekdays',
      SUPPORT_TIMEZONE: 'Nowhere/Else',
    };
    const problems = problemsOf(env).map((p) => p.split(':')[0]);
    expect(problems).toEqual([
      'HANDOFF_TARGET',
      'HANDOFF_WAIT_MINUTES',
      'HANDOFF_AGENT_NAME',
      'HANDOFF_WEBHOOK_SECRET',
      'HANDOFF_WEBHOOK_URL',
      'SUPPORT_TIMEZONE',
      'SUPPORT_HOURS',
    ]);
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(String(problemsOf(env))).not.toContain('hunter2');
  });
});

describe('handoverTargetFor', () => {
  const event: HandoverConfig = parseConfig({
    ...TEAMS,
    HANDOFF_TARGET: 'event',
    HANDOFF_EVENT_CHANNELS: 'directline',
  });
  const azureUser = 'dl_AbCdEfGhIjKlMnOp';

  it('marks the built-in Direct Line by the serviceUrl its adapter writes', () => {
    expect(BUILT_IN_DIRECTLINE_SERVICE_URL).toBe(IN_PROCESS_SERVICE_URL);
    expect(DIRECTLINE_CHANNEL_ID).toBe('directline');
  });

  it.each<[string, { channelId: string; serviceUrl?: string; userId?: string }, string]>([
    [
      'a hub on Azure Direct Line',
      { channelId: 'directline', serviceUrl: 'https://directline.botframework.com/', userId: 'lp-42' },
      'event',
    ],
    [
      'the channel id in capitals',
      { channelId: 'DirectLine', serviceUrl: 'https://directline.botframework.com/' },
      'event',
    ],
    [
      'the built-in web chat',
      { channelId: DIRECTLINE_CHANNEL_ID, serviceUrl: IN_PROCESS_SERVICE_URL, userId: 'lp-42' },
      'teams',
    ],
    [
      "this bot's page in Azure mode",
      { channelId: 'directline', serviceUrl: 'https://directline.botframework.com/', userId: azureUser },
      'teams',
    ],
    [
      'a dl_ id of another length',
      { channelId: 'directline', serviceUrl: 'https://directline.botframework.com/', userId: 'dl_hub-user' },
      'event',
    ],
    ['a channel not listed', { channelId: 'webchat', serviceUrl: 'https://webchat.botframework.com/' }, 'teams'],
    ['a Teams personal chat', { channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/uk/' }, 'teams'],
  ])('event target: %s → %s', (_name, conversation, expected) => {
    expect(handoverTargetFor(event, conversation)).toBe(expected);
  });

  it('never sends the event to Teams, even if a config object lists it', () => {
    expect(handoverTargetFor({ ...event, handoffEventChannels: ['msteams'] }, { channelId: 'msteams' })).toBe('teams');
  });

  it.each<[NodeJS.ProcessEnv, string]>([
    [TEAMS, 'teams'],
    [{}, 'contact'],
    [{ HANDOFF_TARGET: 'event', HANDOFF_EVENT_CHANNELS: 'directline' }, 'contact'],
  ])('other targets and the fallback: %j → %s for the built-in web chat', (env, expected) => {
    const config = parseConfig(env);
    expect(handoverTargetFor(config, { channelId: 'directline', serviceUrl: IN_PROCESS_SERVICE_URL })).toBe(expected);
  });
});

describe('agentNameForCustomer', () => {
  it.each<[string, 'first' | 'full', string]>([
    ['Jane Smith', 'first', 'Jane'],
    ['  Jane   Smith ', 'first', 'Jane'],
    ['Smith, Jane', 'first', 'Jane'],
    ['Jane', 'first', 'Jane'],
    ['Jane Smith', 'full', 'Jane Smith'],
    [',', 'first', ','],
  ])('%j (%s) → %j', (name, form, expected) => {
    expect(agentNameForCustomer(name, form)).toBe(expected);
  });
});
