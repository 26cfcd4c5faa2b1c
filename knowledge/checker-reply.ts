/**
 * Issue 15 (checker): the checker's answer as a channel-free reply: a plain-text table (for channels
 * without cards), the typed check (the bot layer draws it as a card where cards show), and a button
 * for the program's steps to change it, else for the settings. Pure.
 */
import type { Reply, Suggestion } from './reply';
import type { SettingsCheck, Verdict } from './checker';
import type { Provider } from './load';
import { TEXT } from './texts';

const MARK: Record<Verdict['status'], string> = { right: '✓', wrong: '✗', unseen: '?' };
/** Column widths of the plain-text table (a setting's label, the customer's value). */
const WIDTHS = [26, 24] as const;

/** Every fixed sentence of the checker's answer. */
export const CHECK_TEXT = {
  summary: (name: string, wrong: number, right: number, unseen: number) =>
    `I've checked your settings against ${name}'s: ${wrong} to change, ${right} right, ${unseen} not shown.`,
  allRight: (name: string, right: number, unseen: number) =>
    `I've checked your settings against ${name}'s: nothing shown is wrong (${right} right, ${unseen} not shown).`,
  likely: (symptom: string, label: string) => `Most likely cause of "${symptom}": ${label}.`,
  header: ['Setting', 'Yours', 'Right setting'] as const,
  notShown: '(not shown)',
  cannotWork: 'cannot work',
  old: 'merely old',
  notSetting: (name: string) => `not ${name}'s setting`,
  popNote: (port: number) =>
    `Your account is POP3, which works, but BT recommends IMAP (port ${port}, SSL on) if you also use webmail or another device.`,
  steps: (program: string) => ({
    title: `Change it in ${program}`,
    value: `how do I change my settings in ${program}`,
  }),
  formOffer:
    'I can check your settings one by one. Paste what your mail program shows (incoming and outgoing server, port, encryption or SSL, authentication and username — leave your password out), or fill in the form.',
  formButton: { title: 'Check my settings', value: 'check my settings' },
  formTitle: 'Check my settings',
  cardTitle: 'Your settings, field by field',
  formSubmit: 'Check',
} as const;

/** The reply to a check: the plain-text table in its text, the check itself for a card. */
export function checkReply(check: SettingsCheck, provider: Provider, program?: string): Reply {
  const lines = [headline(check), '', ...table(check.verdicts, check.provider)];
  if (check.protocol === 'pop3') lines.push('', CHECK_TEXT.popNote(provider.servers.imap.port));
  const sources = sourcesOf(check, provider);
  lines.push('', `Source: ${sources.map((s) => s.label).join(', ')}`);
  return {
    text: lines.join('\n'),
    check,
    suggestions: nextSteps(check, provider, program),
    sources,
    substantial: true,
  };
}

/** The summary, and the likely cause of the named symptom on a line of its own. */
export function headline(check: SettingsCheck): string {
  const name = check.provider;
  const count = (s: Verdict['status']) => check.verdicts.filter((v) => v.status === s).length;
  const wrong = count('wrong');
  const summary = wrong
    ? CHECK_TEXT.summary(name, wrong, count('right'), count('unseen'))
    : CHECK_TEXT.allRight(name, count('right'), count('unseen'));
  const likely = check.verdicts.find((v) => v.likelyCause);
  return likely && check.symptom ? `${summary}\n${CHECK_TEXT.likely(check.symptom.title, likely.label)}` : summary;
}

/** Why a wrong value is wrong: what it does where a source says so, else that it is not the setting. */
export function whyWrong(verdict: Verdict, name: string): string {
  const effect = verdict.effect;
  const said = effect
    ? `${effect.kind === 'cannot-work' ? CHECK_TEXT.cannotWork : CHECK_TEXT.old}: ${effect.says} (${effect.quote.source}: "${effect.quote.text}")`
    : CHECK_TEXT.notSetting(name);
  // Why dashes, not full stops: a reply after a typed password drops a sentence said twice, and each row's is.
  return `${said} — ${verdict.why.source}: "${verdict.why.text}"`;
}

function table(verdicts: readonly Verdict[], name: string): string[] {
  const row = (cells: readonly string[]) =>
    cells.map((c, i) => (i < WIDTHS.length ? c.padEnd(WIDTHS[i] ?? 0) : c)).join(' ');
  return [
    row([`  ${CHECK_TEXT.header[0]}`, CHECK_TEXT.header[1], CHECK_TEXT.header[2]]),
    ...verdicts.flatMap((v) => [
      row([`${MARK[v.status]} ${v.label}`, v.shown ?? CHECK_TEXT.notShown, v.right]),
      ...(v.status === 'wrong' ? [`    Why: ${whyWrong(v, name)}`] : []),
    ]),
  ];
}

function sourcesOf(check: SettingsCheck, provider: Provider): Reply['sources'] {
  const urls = new Set(check.verdicts.flatMap((v) => [v.why.url, ...(v.effect ? [v.effect.quote.url] : [])]));
  return Object.values(provider.sources)
    .filter((s) => urls.has(s.url))
    .map(({ label, title, url }) => ({ label, title, url }));
}

/** The program's steps to change it when the program is known, else the settings themselves. */
function nextSteps(check: SettingsCheck, provider: Provider, program: string | undefined): Suggestion[] {
  if (program) return [CHECK_TEXT.steps(program)];
  return [TEXT.allSettings(provider.servers[check.protocol].label), TEXT.allSettings(provider.servers.smtp.label)];
}

/** "Can you check my settings?" with nothing to check: paste them, or fill in the form. */
export function checkFormReply(): Reply {
  return { text: CHECK_TEXT.formOffer, checkForm: true, suggestions: [], sources: [], substantial: false };
}
