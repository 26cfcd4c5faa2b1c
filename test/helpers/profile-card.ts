/** The Apple settings file's offer card among a reply's activities (issue 15, setup files). */
import type { Activity } from 'botbuilder';

export interface ProfileCard {
  body: { text: string }[];
  actions: { type: string; title: string; url: string }[];
}

/** The profile card among the replies' attachments, if any. */
export function profileCardOf(replies: Partial<Activity>[]): ProfileCard | undefined {
  const cards = replies.flatMap((r) => r.attachments ?? []).map((a) => a.content as ProfileCard);
  return cards.find((c) => c.actions?.some((a) => a.type === 'Action.OpenUrl' && a.url.includes('/setup/profile/')));
}

export const cardText = (card: ProfileCard): string => card.body.map((b) => b.text).join(' ');
