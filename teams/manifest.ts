/** The Teams app manifest, built from config: the bot's app id, and the app's words in app-info.ts. */
import type { TeamsManifestV1D22 } from '@microsoft/app-manifest';
import { APP_INFO, COMMANDS } from './app-info';

/** The manifest schema version: the current one documented by Microsoft, shipped in @microsoft/app-manifest. */
export const MANIFEST_VERSION = '1.22' as const;
export const MANIFEST_SCHEMA_URL = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`;

/** The icon files, at the root of the package next to manifest.json. */
export const ICON_FILES = { color: 'color.png', outline: 'outline.png' } as const;

/**
 * What a team owner consents to when adding the app: every message in the team's standard channels
 * reaches the bot, so agents reply in a handover thread without @mentioning it. The bot ignores
 * unmentioned messages outside handover threads (bots/handover/agent-turns.ts).
 */
export const RSC_PERMISSIONS = [{ name: 'ChannelMessage.Read.Group', type: 'Application' }] as const;

/** A Teams app manifest of the schema version above. */
export type TeamsManifest = TeamsManifestV1D22.TeamsManifestV1D22;

/** What the manifest is built from. */
export interface ManifestOptions {
  /** The bot's MicrosoftAppId; also the Teams app's id, as Microsoft suggests for bot apps. */
  botId: string;
  /** The app's version (semver); raise it for every package uploaded again. */
  version: string;
}

/** The manifest for personal chats, teams and group chats. */
export function buildManifest({ botId, version }: ManifestOptions): TeamsManifest {
  const scopes: ('personal' | 'team' | 'groupChat')[] = ['personal', 'team', 'groupChat'];
  return {
    $schema: MANIFEST_SCHEMA_URL,
    manifestVersion: MANIFEST_VERSION,
    version,
    id: botId,
    developer: { ...APP_INFO.developer },
    name: { short: APP_INFO.shortName, full: APP_INFO.fullName },
    description: { short: APP_INFO.shortDescription, full: APP_INFO.fullDescription },
    icons: { ...ICON_FILES },
    accentColor: APP_INFO.accentColor,
    bots: [
      {
        botId,
        scopes,
        isNotificationOnly: false,
        supportsFiles: false,
        supportsCalling: false,
        supportsVideo: false,
        commandLists: [{ scopes, commands: COMMANDS.map((c) => ({ ...c })) }],
      },
    ],
    validDomains: [],
    // Why: resource-specific consent is granted to the bot's Entra app; `resource` is unused by RSC but must be set.
    webApplicationInfo: { id: botId, resource: `api://botid-${botId}` },
    authorization: { permissions: { resourceSpecific: [...RSC_PERMISSIONS] } },
  };
}
