/** Stage 1 of the search: lower-case, plain punctuation, one spelling for each word. */
import { containsAny } from './match';

/** "thankyou", "thanku": thanks run together, read as "thank you" (also by a lead-in, which reads raw text). */
export const THANK_YOU_RUN_ON = /\b(thankyou|thanku|thankyu)\b/g;
/** Text-speak thanks ("thx", "ty"), read as "thanks". */
export const THANKS_SPEAK = /\b(thx|thanx|thnx|thnks|tnx|ty)\b/g;
/** Text-speak for "what" and "whats" ("wot bout smtp"), read before a lead-in is cut off too. */
export const WHAT_SPEAK = /\b(wot|wat|wht)\b/g;
export const WHATS_SPEAK = /\b(wots|wats)\b/g;

/**
 * Each spelling's pattern, what it becomes, and text every match of it contains (none: always
 * tried): why, most messages have none of these, and a substring test is cheaper than the regex.
 */
const SPELLINGS: [RegExp, string, string[]?][] = [
  [/\be[\s-]?mails?\b/g, 'email', ['mail']],
  [/\bsynchroni[sz](e|ed|es|ing|ation)\b/g, 'sync', ['synchroni']],
  [/\bsyncs|synced|syncing|synch(ed|ing|s)?\b/g, 'sync', ['sync']],
  [/\bauthori[sz]/g, 'authoriz', ['authori']],
  [/\brecogni[sz]/g, 'recogniz', ['recogni']],
  [/\bwi[\s-]fi\b/g, 'wifi', ['wi']],
  // Issue 13 (multi parts): "POP3S", "IMAPS", "SMTPS" name the protocol over SSL.
  [/\bpop\s?3s\b/g, 'pop3', ['3s']],
  [/\bimaps\b/g, 'imap', ['imaps']],
  [/\bsmtps\b/g, 'smtp', ['smtps']],
  [/\bpop\s?3\b/g, 'pop3', ['pop']],
  [/\bimap\s?4\b/g, 'imap', ['imap']],
  [/\bssl\s?\/\s?tls\b/g, 'ssl', ['/']],
  [/\bstart[\s-]?tls\b/g, 'starttls', ['tls']],
  [/\bsign[\s-]in\b/g, 'login', ['sign']],
  [/\blog[\s-]?in\b/g, 'login', ['log']],
  [/\bmac\s?book\b/g, 'macbook', ['book']],
  [/\bi\s?phone\b/g, 'iphone', ['phone']],
  [/\bi\s?pad\b/g, 'ipad', ['pad']],
  // Text-speak that changes meaning if left alone ("thank u", "thx").
  [THANKS_SPEAK, 'thanks', ['thx', 'thanx', 'thn', 'tnx', 'ty']],
  [THANK_YOU_RUN_ON, 'thank you', ['thank']],
  [/\bu\b/g, 'you'],
  [/\bur\b/g, 'your', ['ur']],
  [/\b(pls|plz)\b/g, 'please', ['pl']],
  // Issue 13 (context): "y?" and "y tho" ask why; "y" alone stays a yes.
  [/^y(?= ?\?)/, 'why', ['y']],
  [/^y(?= (do|does|did|is|are|would|should|cant|can|wont|isnt|doesnt|not|use)\b)/, 'why', ['y']],
  [/\by(?= (tho|though|not|so|then|is that)\b)/g, 'why', ['y ']],
  [WHAT_SPEAK, 'what', ['wot', 'wat', 'wht']],
  [WHATS_SPEAK, 'whats', ['wots', 'wats']],
  // "the server n wot port", "server & port": "and" between two words (a lone "n" answers "no").
  [/(?<=[a-z0-9] )(n|&)(?= [a-z0-9])/g, 'and', [' n ', ' & ']],
  // Issue 13 (multi parts): "server+port", "host & port", "server&port": "&" or "+" between two words, spaced or not.
  [/(?<=[a-z])\s?[&+]\s?(?=[a-z])/g, ' and ', ['&', '+']],
];

/**
 * Longest input the search reads; the rest of a long paste adds nothing but time. Within
 * MAX_TEXT (transcripts/text-cap.ts), the most of one text any regex in the app reads.
 */
export const MAX_INPUT = 4000;

/** Whitespace to make one space: a run of two or more, or one character that is not a space ("\n"). */
const SPACES = /\s{2,}|[^\S ]/g;

/** Lower-cases and simplifies text so later stages see one form of each word. */
export function normalise(input: string): string {
  let text = input.slice(0, MAX_INPUT).normalize('NFKC').toLowerCase();
  text = text.replace(/<[^<>]*>/g, ' ').replace(/[\u2018\u2019\u02bc`]/g, "'");
  for (const [pattern, replacement, needles] of SPELLINGS)
    if (!needles || containsAny(text, needles)) text = text.replace(pattern, replacement);
  text = text.replace(/(\w)'(\w)/g, '$1$2');
  text = text.replace(/[^a-z0-9@.\s]/g, ' ');
  text = text.replace(/\.(?![a-z0-9])|(?<![a-z0-9])\./g, ' ');
  // Why not /\s+/: that replaces every single space by a space, and costs most of this function.
  return text.replace(SPACES, ' ').trim();
}

/** Splits normalised text into words. */
export function tokens(text: string): string[] {
  return text.length === 0 ? [] : text.split(' ');
}
