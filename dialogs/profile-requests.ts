/**
 * Issue 15 (setup files): what a request for the settings file gets, by the mail program known. Only
 * Apple's Mail (iPhone, iPad, Mac) reads the file; Thunderbird finds the settings itself; any other
 * program gets BT's settings and its first set-up walkthrough; with no program known, the bot asks.
 */
import type { Answer, Suggestion } from '../knowledge';
import { composeReply } from '../knowledge/answers';
import { ENTRY_IDS } from '../knowledge/routes';
import { PROFILE_PROGRAMS } from '../setup-files/offer';
import { skipsProgram } from './shared';

/** The lexicon's name for Thunderbird (programs in lexicon.yaml): it reads Mozilla's autoconfig, not Apple's file. */
export const THUNDERBIRD = 'Thunderbird';

/** What a request for the file gets. */
export type FileRequest =
  | { kind: 'offer'; program: string }
  | { kind: 'thunderbird' }
  | { kind: 'other'; program?: string }
  | { kind: 'which' };

/** Whether an answer is the settings file's entry (routes.yaml: setup-file, setup-file-program). */
export function isFileRequest({ result }: Answer): boolean {
  return result.kind === 'answer' && result.target.type === 'entry' && result.target.entry.id === ENTRY_IDS.setupFile;
}

/**
 * How to answer a request for the file: the offer for Apple's Mail (when one can be made), the autoconfig
 * for Thunderbird, the settings for any other program or a pass ("Something else"), else ask which.
 */
export function fileRequest(program: string | undefined, asked: string, canOffer: boolean): FileRequest {
  if (program === THUNDERBIRD) return { kind: 'thunderbird' };
  if (program !== undefined && PROFILE_PROGRAMS.has(program) && canOffer) return { kind: 'offer', program };
  if (program !== undefined) return { kind: 'other', program };
  return skipsProgram(asked.slice(0, 200)) ? { kind: 'other' } : { kind: 'which' };
}

/** The answer of another entry of the knowledge, for the same message (its slots kept). */
export function entryAnswer({ result }: Answer, id: string): Answer | undefined {
  if (result.kind !== 'answer') return undefined;
  const entry = result.provider.entries.find((e) => e.id === id);
  if (!entry) return undefined;
  const other = { ...result, target: { type: 'entry' as const, entry } };
  return { result: other, reply: composeReply(other) };
}

/** The button that starts the first set-up walkthrough for a program (its words route to first-setup). */
export function setUpButton(program: string | undefined): Suggestion {
  const where = program === undefined ? '' : ` in ${program}`;
  return { title: 'Set it up step by step', value: `set up my bt email${where} for the first time` };
}
