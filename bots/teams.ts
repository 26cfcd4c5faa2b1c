/** Microsoft Teams: the kind of conversation, who gets greeted, and the team channels the bot remembers. */
import {
  ActivityTypes,
  Channels,
  TurnContext,
  teamsGetChannelId,
  teamsGetTeamInfo,
  type Activity,
  type ConversationReference,
} from 'botbuilder';
import type { ConversationReferenceStore } from './references';

/** Teams' three kinds of conversation. */
export type TeamsConversationType = 'personal' | 'groupChat' | 'channel';

/** True for activities from Microsoft Teams. */
export function isTeams(activity: Partial<Activity>): boolean {
  return activity.channelId === Channels.Msteams;
}

/** Teams names the type on every activity; a group without one is taken for a group chat. */
export function conversationTypeOf(activity: Partial<Activity>): TeamsConversationType {
  const type = activity.conversation?.conversationType;
  if (type === 'channel' || type === 'groupChat' || type === 'personal') return type;
  return activity.conversation?.isGroup ? 'groupChat' : 'personal';
}

/** A channel's conversation id without ";messageid=…": the channel itself rather than one thread in it. */
export function channelOf(conversationId: string): string {
  return conversationId.split(';')[0] ?? conversationId;
}

/** The key a channel's reference is stored under. */
export function referenceKey(channelId: string): string {
  return `msteams:${channelOf(channelId)}`;
}

/** How a conversationUpdate is answered. */
export type Greeting = 'welcome' | 'introduction' | 'none';

/** Teams greets once, when the bot itself is added; people who join a team or chat later get nothing. */
export function teamsGreeting(activity: Partial<Activity>): Greeting {
  const botAdded = (activity.membersAdded ?? []).some((m) => m.id === activity.recipient?.id);
  if (!botAdded) return 'none';
  return conversationTypeOf(activity) === 'personal' ? 'welcome' : 'introduction';
}

/** "@Bot" and nothing else: the mention is already removed and no text or card value is left. */
export function isBareMention(activity: Partial<Activity>): boolean {
  if (!isTeams(activity) || activity.text?.trim() || activity.value !== undefined) return false;
  return TurnContext.getMentions(activity as Activity).some((m) => m.mentioned?.id === activity.recipient?.id);
}

/** A message in a Teams channel that does not @mention the bot and is not a card click (which Teams sends without one). */
export function isUnaddressedChannelMessage(activity: Partial<Activity>): boolean {
  if (!isTeams(activity) || activity.type !== ActivityTypes.Message || conversationTypeOf(activity) !== 'channel')
    return false;
  if (activity.value !== undefined) return false;
  return !TurnContext.getMentions(activity as Activity).some((m) => m.mentioned?.id === activity.recipient?.id);
}

/** The support channel named in config. */
export interface SupportChannelIds {
  /** The team's 19:…@thread id or its groupId. */
  teamId: string;
  channelId: string;
}

/**
 * Remembers every team channel the bot hears from, the team itself (its General channel has the
 * team's id), and the support channel once the bot is in the support team: a bot added to a team
 * can post in all its channels, so the support channel's reference is the team's with its id.
 */
export class TeamsChannels {
  constructor(
    private readonly references: ConversationReferenceStore,
    private readonly support?: SupportChannelIds,
  ) {}

  /** Stores the references an activity reveals; nothing for personal and group chats. */
  async remember(activity: Partial<Activity>): Promise<void> {
    const team = teamsGetTeamInfo(activity as Activity);
    if (!isTeams(activity) || !team?.id || !activity.conversation || leaving(activity)) return;
    const ids = new Set([channelOf(activity.conversation.id), team.id, ...namedChannel(activity)]);
    if (this.support && [team.id, team.aadGroupId].includes(this.support.teamId)) ids.add(this.support.channelId);
    const base = channelReference(activity);
    for (const id of ids) await this.references.put(referenceKey(id), withConversation(base, id));
  }
}

/** The bot leaving a team: removed from it, or its app uninstalled there. */
function leaving(activity: Partial<Activity>): boolean {
  if (activity.type === ActivityTypes.InstallationUpdate && String(activity.action).startsWith('remove')) return true;
  return (activity.membersRemoved ?? []).some((m) => m.id === activity.recipient?.id);
}

/** The channel an activity names in channelData: the one a message is in, or a new one; never one being deleted. */
function namedChannel(activity: Partial<Activity>): string[] {
  const id = teamsGetChannelId(activity as Activity);
  const eventType = (activity.channelData as { eventType?: unknown } | undefined)?.eventType;
  return id && !String(eventType ?? '').endsWith('Deleted') ? [id] : [];
}

/** Why no user or activity id: a channel post is addressed to the channel, and should keep no one's identity. */
function channelReference(activity: Partial<Activity>): Partial<ConversationReference> {
  const reference: Partial<ConversationReference> = TurnContext.getConversationReference(activity);
  delete reference.activityId;
  delete reference.user;
  return reference;
}

function withConversation(reference: Partial<ConversationReference>, id: string): Partial<ConversationReference> {
  const original = reference.conversation!;
  const name = id === channelOf(original.id) ? original.name : '';
  return { ...reference, conversation: { ...original, id, name, conversationType: 'channel', isGroup: true } };
}
