/** The Teams support channel settings: both or neither, ids as Teams writes them. */
import { parseConfig, type Config } from '../config';
import { problemsOf } from './helpers/config-problems';

const TEAM = '19:5b1c2f9e8a7d4c3b@thread.tacv2';
const GROUP = '0d5e8c7a-1b2c-4d3e-9f8a-7b6c5d4e3f2a';
const CHANNEL = '19:a1b2c3d4e5f6@thread.tacv2';

describe('Teams support channel config', () => {
  it.each<[string, NodeJS.ProcessEnv, Partial<Config>]>([
    ['neither', {}, { teamsSupportTeamId: undefined, teamsSupportChannelId: undefined }],
    [
      'a team thread id and a channel id',
      { TEAMS_SUPPORT_TEAM_ID: TEAM, TEAMS_SUPPORT_CHANNEL_ID: CHANNEL },
      { teamsSupportTeamId: TEAM, teamsSupportChannelId: CHANNEL },
    ],
    [
      "the team's groupId",
      { TEAMS_SUPPORT_TEAM_ID: GROUP, TEAMS_SUPPORT_CHANNEL_ID: CHANNEL },
      { teamsSupportTeamId: GROUP, teamsSupportChannelId: CHANNEL },
    ],
    [
      'ids pasted URL-encoded from a channel link',
      { TEAMS_SUPPORT_TEAM_ID: encodeURIComponent(TEAM), TEAMS_SUPPORT_CHANNEL_ID: encodeURIComponent(CHANNEL) },
      { teamsSupportTeamId: TEAM, teamsSupportChannelId: CHANNEL },
    ],
  ])('reads %s', (_name, env, expected) => {
    expect(parseConfig(env)).toMatchObject(expected);
  });

  it.each<[string, NodeJS.ProcessEnv, string[]]>([
    ['a channel without its team', { TEAMS_SUPPORT_CHANNEL_ID: CHANNEL }, ['TEAMS_SUPPORT_TEAM_ID: missing, but']],
    ['a team without its channel', { TEAMS_SUPPORT_TEAM_ID: TEAM }, ['TEAMS_SUPPORT_CHANNEL_ID: missing, but']],
    [
      'a channel name instead of its id',
      { TEAMS_SUPPORT_TEAM_ID: TEAM, TEAMS_SUPPORT_CHANNEL_ID: 'Support' },
      ['TEAMS_SUPPORT_CHANNEL_ID: got "Support"; set it to the channel\'s id'],
    ],
    [
      'a groupId as the channel',
      { TEAMS_SUPPORT_TEAM_ID: TEAM, TEAMS_SUPPORT_CHANNEL_ID: GROUP },
      ['TEAMS_SUPPORT_CHANNEL_ID: got'],
    ],
    [
      'a thread id with a message id',
      { TEAMS_SUPPORT_TEAM_ID: TEAM, TEAMS_SUPPORT_CHANNEL_ID: `${CHANNEL};messageid=1700000000000` },
      ['TEAMS_SUPPORT_CHANNEL_ID: got'],
    ],
    [
      'a team name, with every other problem too',
      { TEAMS_SUPPORT_TEAM_ID: 'Support team', TEAMS_SUPPORT_CHANNEL_ID: CHANNEL, PORT: 'x' },
      ['PORT: got "x"', 'TEAMS_SUPPORT_TEAM_ID: got "Support team"; set it to the team\'s groupId'],
    ],
  ])('rejects %s, naming the variable and how to set it', (_name, env, expected) => {
    const problems = problemsOf(env);
    expect(problems).toHaveLength(expected.length);
    expected.forEach((start, i) => expect(problems[i]).toContain(start));
  });
});
