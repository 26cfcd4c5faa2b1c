/** Builds the agents' console for the Teams support channel: what the runtime calls, and the turns it routes. */
import type { Config } from '../../config';
import type { ConversationReferenceStore } from '../references';
import type { ProactiveAdapter } from '../support-channel';
import { AgentTurns, type AgentTurnsOptions } from './agent-turns';
import type { AgentConsole } from './ports';
import { TeamsConsole, type ThrottleRetry } from './teams-console';

export { AgentTurns, CARD_ACTION_INVOKE } from './agent-turns';
export { agentCard, CARD_VERBS, MAX_CARD_BYTES } from './agent-card';
export { TeamsConsole } from './teams-console';

/** What createTeamsConsole needs. */
export interface TeamsConsoleFactoryOptions {
  adapter: ProactiveAdapter;
  /** The bot's MicrosoftAppId; empty in anonymous local mode. */
  appId?: string;
  config: Pick<Config, 'teamsSupportTeamId' | 'teamsSupportChannelId' | 'handoffAgentIds'>;
  references: ConversationReferenceStore;
  /** The runtime, or a function giving it once built: it needs the console, and the console's turns need it. */
  desk: AgentTurnsOptions['desk'];
  retry?: ThrottleRetry;
}

/** The console (for the runtime) and its turns (SupportBot's `agents`); no turns without a support channel to act from. */
export interface TeamsConsoleParts {
  console: AgentConsole;
  agents?: AgentTurns;
}

/** The agents' console on the configured support channel. */
export function createTeamsConsole(options: TeamsConsoleFactoryOptions): TeamsConsoleParts {
  const { adapter, appId, config, references, retry } = options;
  const console = new TeamsConsole({ adapter, appId, channelId: config.teamsSupportChannelId, references, retry });
  const agents = createAgentTurns(options);
  return agents ? { console, agents } : { console };
}

/**
 * The console's turns alone, for SupportBot's `agents`; undefined without a support channel. Why
 * apart: the bot is built before the adapter the console posts through (server/app.ts).
 */
export function createAgentTurns(options: Pick<TeamsConsoleFactoryOptions, 'config' | 'desk'>): AgentTurns | undefined {
  const { teamsSupportTeamId: teamId, teamsSupportChannelId: channelId, handoffAgentIds: agentIds } = options.config;
  if (!teamId || !channelId) return undefined;
  return new AgentTurns({ desk: options.desk, support: { teamId, channelId }, agentIds });
}
