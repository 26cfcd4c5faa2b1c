/** What the customer said, whether typed or clicked (card buttons arrive as `value`). */
import type { Activity } from 'botbuilder';
import { MAX_TEXT } from '../transcripts/text-cap';

/**
 * The text of a message: typed text, or the text a card button carries; at most MAX_TEXT characters.
 * Why cut here: every pattern the dialogs try reads this text, and the internet may send 256 KB of it.
 */
export function inputText(activity: Partial<Activity>): string {
  return rawInputText(activity).slice(0, MAX_TEXT);
}

function rawInputText(activity: Partial<Activity>): string {
  if (typeof activity.text === 'string' && activity.text.trim()) return activity.text.trim();
  const value = activity.value as Record<string, unknown> | string | undefined;
  if (typeof value === 'string') return value;
  if (!value || typeof value !== 'object') return '';
  const teams = value.msteams as Record<string, unknown> | undefined;
  for (const candidate of [value.text, teams?.value, teams?.text, value.action]) {
    if (typeof candidate === 'string' && candidate.trim()) return candidate.trim();
  }
  return '';
}
