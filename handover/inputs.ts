/**
 * Reading what customers and agents type during a handover: button clicks, ratings, the agents'
 * /note, /end and /release, and a customer saying their account was hacked. Pure; every text is
 * cut short before a regex reads it.
 */
import type { Suggestion } from '../knowledge';
import { near } from '../knowledge/match';
import { normalise } from '../knowledge/normalise';
import { HANDOVER_BUTTONS } from './messages';

/** The most of a message read as a button click or a command: longer text is a message. */
const MAX_CHOICE = 100;

/** The text as compared with buttons: trimmed, lower-case, one space between words. */
function choiceOf(text: string): string {
  return text
    .slice(0, MAX_CHOICE + 1)
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .join(' ');
}

/** Whether the text is this button's click, or its title typed. */
export function isButton(text: string, button: Suggestion): boolean {
  const choice = choiceOf(text);
  return (
    choice.length <= MAX_CHOICE && (choice === button.value.toLowerCase() || choice === button.title.toLowerCase())
  );
}

/** Whether the text is just "cancel" (typed or the button): in a message for the team, "stop …" is part of it. */
export function isPlainCancel(text: string): boolean {
  return choiceOf(text) === 'cancel';
}

const RATING = /^([1-5])(?: ?\/ ?5| stars?| out of 5)?$/;

/** A rating of 1 to 5 (a rating button, "4", "4/5", "4 stars"), or undefined. */
export function parseRating(text: string): number | undefined {
  const clicked = HANDOVER_BUTTONS.ratings.find((b) => isButton(text, b));
  if (clicked) return Number(clicked.value);
  const choice = choiceOf(text);
  const match = choice.length <= 20 ? RATING.exec(choice) : null;
  return match ? Number(match[1]) : undefined;
}

/** What an agent's message in the handover thread asks for. */
export type AgentCommand =
  | { command: 'message'; text: string }
  | { command: 'note'; text: string }
  | { command: 'end' }
  | { command: 'release' };

/** The longest run of leading markup skipped before a command ("<p>/note …"). */
const MAX_LEADING_MARKUP = 200;

/** Reads `/note …`, `/end` and `/release` at the start of an agent's message (mention already removed). */
export function parseAgentCommand(text: string): AgentCommand {
  const start = withoutLeadingMarkup(text);
  const word = /^\/(note|end|release)(?=\s|<|$)/i.exec(start.slice(0, 9))?.[1]?.toLowerCase();
  if (word === 'end') return { command: 'end' };
  if (word === 'release') return { command: 'release' };
  if (word === 'note') return { command: 'note', text: withoutTrailingMarkup(start.slice('/note'.length)).trim() };
  return { command: 'message', text };
}

/** The text after leading white space and tags such as Teams' `<p>` (at most MAX_LEADING_MARKUP characters of them). */
function withoutLeadingMarkup(text: string): string {
  let at = 0;
  for (;;) {
    while (at < text.length && /\s/.test(text[at]!)) at++;
    if (text[at] !== '<') break;
    const close = text.indexOf('>', at);
    if (close < 0 || close > MAX_LEADING_MARKUP) break;
    at = close + 1;
  }
  return text.slice(at);
}

/** The text without closing tags at its end, such as the `</p>` of Teams' markup. */
function withoutTrailingMarkup(text: string): string {
  let end = text.trimEnd().length;
  while (text[end - 1] === '>') {
    const open = text.lastIndexOf('</', end - 1);
    if (open < 0 || end - open > 12) break;
    end = text.slice(0, open).trimEnd().length;
  }
  return text.slice(0, end);
}

/** How customers say someone else is in their account. */
const COMPROMISED = [
  /\b(hacked|hacker|hackers|hijacked|compromised|breached|account takeover)\b/,
  /\bunauthori[sz]ed (access|login|logins|use)\b/,
  near(
    40,
    /\b(someone|somebody|stranger|scammer|scammers|spammer|spammers)\b/,
    /\b(got into|get into|getting into|broke into|broken into|logged into|logging into|accessed|accessing|using|sending|sent|reading)\b/,
    /\b(my|our)\b/,
  ),
  near(30, /\b(email|emails|spam|messages)\b/, /\b(i|we) (didnt|did not|never) (send|sent|write|wrote)\b/),
];

/** Whether the customer says their account was hacked or used by someone else: a person is offered at once. */
export function detectCompromisedAccount(text: string): boolean {
  const plain = normalise(text);
  return COMPROMISED.some((test) => test.test(plain));
}
