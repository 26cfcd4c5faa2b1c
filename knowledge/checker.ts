/**
 * Issue 15 (checker): "these are my settings — what's wrong?". The settings a customer pastes, types
 * or fills in a form are read (by `screen.ts`, the same reading as a pasted screen's) and each field
 * is checked against the provider's settings: right, wrong (with the right value and the source's
 * words) or not shown. What a wrong value does (it cannot work, or is merely old) is said only where
 * a rule of the knowledge's `checker` quotes a source saying so. Pure; never repeats a username or
 * a password.
 */
import { z } from 'zod';
import type { Provider } from './load';
import { MAX_INPUT } from './normalise';
import {
  fieldCount,
  incomingProtocol,
  readSettings,
  usernameIn,
  type Encryption,
  type Screen,
  type Side,
} from './screen';
import { CHECKED_FIELDS, type CheckedField, type CheckerRule, type Server } from './schema';

/** A field right, wrong, or not shown. */
export type Status = 'right' | 'wrong' | 'unseen';

/** Words of a source, with the source's label and address. */
export interface Quote {
  text: string;
  source: string;
  url: string;
}

/** The verdict on one field. */
export interface Verdict {
  field: CheckedField;
  label: string;
  status: Status;
  /** What the customer's program has, as shown to them again (never a username or a password). */
  shown?: string;
  /** The provider's setting. */
  right: string;
  /** The source's words for the right setting. */
  why: Quote;
  /** What the wrong value does, only where a source says so. */
  effect?: { kind: 'cannot-work' | 'old'; says: string; quote: Quote };
  /** The kind of wrong value, as the knowledge's checker rules name it. */
  kind?: CheckerRule['shown'];
  /** The likely cause of the symptom the customer named. */
  likelyCause: boolean;
}

/** The checker's answer: every field's verdict, the likely cause of a named symptom first. */
export interface SettingsCheck {
  /** The provider's name ("BT Email"), as the answer says it. */
  provider: string;
  verdicts: Verdict[];
  /** The incoming protocol the settings are for (IMAP unless they show POP3). */
  protocol: 'imap' | 'pop3';
  /** The entry of the symptom the customer named ("can't send", error 530), if any. */
  symptom?: { id: string; title: string };
}

/** How many fields a text must show to be checked rather than answered as a question. */
export const MIN_CHECKED_FIELDS = 2;

const LABELS: Record<CheckedField, string> = {
  'incoming-server': 'Incoming server',
  'incoming-port': 'Incoming port',
  'incoming-encryption': 'Incoming encryption',
  'incoming-authentication': 'Incoming authentication',
  'outgoing-server': 'Outgoing server',
  'outgoing-port': 'Outgoing port',
  'outgoing-encryption': 'Outgoing encryption',
  'outgoing-authentication': 'Outgoing authentication',
  username: 'Username',
};

const ENCRYPTION_SHOWN: Record<Encryption, string> = {
  ssl: 'SSL/TLS',
  starttls: 'STARTTLS',
  unclear: 'TLS or Auto (not named SSL)',
  none: 'none',
};

/** The settings a text shows, or undefined when it shows fewer than two. */
export function readChecked(text: string, provider: Provider): Screen | undefined {
  const screen = readSettings(clauses(text), provider.provider.domains);
  return fieldCount(screen) >= MIN_CHECKED_FIELDS ? screen : undefined;
}

/**
 * The text laid out as a screen's fields. Free text names its sides in passing ("incoming is
 * pop.btinternet.com port 110 and outgoing smtp… 25"): each side word and each "and" starts a field.
 * A screen copied with each label above its value (Samsung Email: "Security type" / "None") has
 * the two joined ("Security type: None").
 */
function clauses(text: string): string {
  const head = text.slice(0, MAX_INPUT);
  if (!head.includes('\n')) return head.replace(/\b(incoming|outgoing|sending|receiving)\b| and (?=\S)/gi, '\n$1');
  const out: string[] = [];
  for (const line of head.split('\n')) {
    const last = out.length - 1;
    if (last >= 0 && LABEL_ALONE.test(out[last]?.trim() ?? '') && line.trim()) out[last] = `${out[last]}: ${line}`;
    else out.push(line);
  }
  return out.join('\n');
}

/** A line that is only a label, its value on the next line (as Samsung Email and Gmail show them). */
const LABEL_ALONE =
  /^(?:user ?name|security type|security|port|server|imap server|pop3 server|pop server|smtp server|authentication|encryption|connection security|host ?name|account type|server type)$/i;

/** Checks the settings a screen shows against the provider's; `symptom` is the entry the customer's problem named. */
export function checkSettings(screen: Screen, provider: Provider, symptom?: string): SettingsCheck {
  const protocol = incomingProtocol(screen) ?? 'imap';
  const verdicts = CHECKED_FIELDS.map((field) => verdictOf(field, screen, provider, protocol));
  const named = provider.entries.find((e) => e.id === symptom);
  const marked = verdicts.map((v) => ({ ...v, likelyCause: v.status === 'wrong' && causes(v, provider, symptom) }));
  return {
    provider: provider.provider.name,
    verdicts: ordered(marked),
    protocol,
    ...(named ? { symptom: { id: named.id, title: named.title } } : {}),
  };
}

/**
 * Likely causes first (one a source says cannot work before the rest), then the other wrong values,
 * the right ones, and what was not shown.
 */
function ordered(verdicts: Verdict[]): Verdict[] {
  const likely = (v: Verdict) => (v.effect?.kind === 'cannot-work' ? 0 : 1);
  const rank = (v: Verdict) => (v.likelyCause ? likely(v) : { wrong: 2, right: 3, unseen: 4 }[v.status]);
  return [...verdicts].sort((a, b) => rank(a) - rank(b));
}

function causes(verdict: Verdict, provider: Provider, symptom: string | undefined): boolean {
  return !!symptom && !!ruleFor(provider, verdict.field, verdict.kind ?? 'wrong')?.causes.includes(symptom);
}

function ruleFor(provider: Provider, field: CheckedField, shown: CheckerRule['shown']): CheckerRule | undefined {
  return provider.checker.find((r) => r.field === field && r.shown === shown);
}

type Facts = { status: Status; shown?: string; kind?: CheckerRule['shown']; right: string; why: Quote };

function verdictOf(field: CheckedField, screen: Screen, provider: Provider, protocol: 'imap' | 'pop3'): Verdict {
  const facts = factsOf(field, screen, provider, protocol);
  const rule = facts.status === 'wrong' ? ruleFor(provider, field, facts.kind ?? 'wrong') : undefined;
  const effect = rule?.effect && {
    kind: rule.effect,
    says: rule.says ?? '',
    quote: quote(provider, rule.source ?? '', rule.evidence ?? ''),
  };
  return { field, label: LABELS[field], ...facts, ...(effect ? { effect } : {}), likelyCause: false };
}

function factsOf(field: CheckedField, screen: Screen, provider: Provider, protocol: 'imap' | 'pop3'): Facts {
  const side: Side = field.startsWith('incoming') ? 'incoming' : 'outgoing';
  const server = side === 'incoming' ? provider.servers[protocol] : provider.servers.smtp;
  switch (field) {
    case 'incoming-server':
    case 'outgoing-server':
      return valueFacts(hostsOn(screen, side), server.host, serverQuote(provider, server, 'host'));
    case 'incoming-port':
    case 'outgoing-port':
      return valueFacts(portsOn(screen, side, server), String(server.port), serverQuote(provider, server, 'port'));
    case 'incoming-encryption':
    case 'outgoing-encryption':
      return encryptionFacts(onSide(screen.encryption, side), server, serverQuote(provider, server, 'encryption'));
    case 'incoming-authentication':
      return spaFacts(screen.spa, server, serverQuote(provider, server, 'authentication'));
    case 'outgoing-authentication':
      return authFacts(screen.authentication, server, serverQuote(provider, server, 'authenticationRequired'));
    case 'username':
      return usernameFacts(screen.username, provider);
  }
}

/** A side's values: those placed on it, else those no label placed. */
function onSide<T extends { side?: Side }>(values: readonly T[], side: Side): T[] {
  const placed = values.filter((v) => v.side === side);
  return placed.length > 0 ? placed : values.filter((v) => v.side === undefined);
}

function hostsOn(screen: Screen, side: Side): string[] {
  return onSide(screen.hosts, side).map((h) => h.host);
}

/** A side's ports; a port no label placed that is the other side's setting is not this side's. */
function portsOn(screen: Screen, side: Side, server: Server): string[] {
  const placed = screen.ports.filter((p) => p.side === side);
  const loose = screen.ports.filter((p) => p.side === undefined);
  const ports = placed.length > 0 ? placed : loose.filter((p) => p.port === server.port || loose.length === 1);
  return ports.map((p) => String(p.port));
}

function valueFacts(shown: readonly string[], right: string, why: Quote): Facts {
  if (shown.length === 0) return { status: 'unseen', right, why };
  const wrong = shown.find((s) => s !== right);
  return wrong === undefined
    ? { status: 'right', shown: right, right, why }
    : { status: 'wrong', shown: wrong, right, why };
}

function encryptionFacts(values: readonly { value: Encryption }[], server: Server, why: Quote): Facts {
  const right = server.encryption === 'ssl' ? 'SSL/TLS (not STARTTLS)' : ENCRYPTION_SHOWN[server.encryption];
  if (values.length === 0) return { status: 'unseen', right, why };
  const wrong = values.find((v) => v.value !== server.encryption);
  if (!wrong) return { status: 'right', shown: ENCRYPTION_SHOWN[server.encryption], right, why };
  return {
    status: 'wrong',
    shown: ENCRYPTION_SHOWN[wrong.value],
    kind: wrong.value === 'ssl' ? 'wrong' : wrong.value,
    right,
    why,
  };
}

/** Incoming authentication: the server's method, with Secure Password Authentication off. */
function spaFacts(spa: boolean | undefined, server: Server, why: Quote): Facts {
  const right = `${server.authentication}, Secure Password Authentication (SPA) off`;
  if (spa === undefined) return { status: 'unseen', right, why };
  return spa
    ? { status: 'wrong', shown: 'SPA on', kind: 'on', right, why }
    : { status: 'right', shown: 'SPA off', right, why };
}

function authFacts(on: boolean | undefined, server: Server, why: Quote): Facts {
  const box = server.authenticationSetting ? `"${server.authenticationSetting}" ticked` : 'on';
  const right = `${box} (${server.authentication})`;
  if (on === undefined) return { status: 'unseen', right, why };
  return on
    ? { status: 'right', shown: 'ticked', right, why }
    : { status: 'wrong', shown: 'not ticked', kind: 'off', right, why };
}

function usernameFacts(shown: Screen['username'], provider: Provider): Facts {
  const right = `your full email address (name@${provider.provider.domains[0] ?? ''})`;
  const why = quote(provider, provider.account.source, provider.account.evidence.username ?? provider.account.username);
  if (shown === undefined) return { status: 'unseen', right, why };
  if (shown === 'full') return { status: 'right', shown: 'a full email address', right, why };
  const said = shown === 'bare' ? 'without the @ part' : 'an address at another domain';
  return { status: 'wrong', shown: said, kind: shown, right, why };
}

function serverQuote(provider: Provider, server: Server, field: string): Quote {
  return quote(provider, server.sources[0] ?? '', server.evidence[field] ?? '');
}

function quote(provider: Provider, sourceId: string, text: string): Quote {
  const source = provider.sources[sourceId];
  return { text, source: source?.label ?? sourceId, url: source?.url ?? '' };
}

// ---- the form ----

/** The longest value a form field may hold; longer is cut before it is read. */
const MAX_FORM_VALUE = 200;
const formValue = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).slice(0, MAX_FORM_VALUE).trim())
  .optional();

/** The Adaptive Card form's inputs, as Action.Submit sends them (`checkSettingsForm` marks it). */
export const checkFormSchema = z.object({
  checkSettingsForm: z.literal(1),
  inServer: formValue,
  inPort: formValue,
  inEncryption: formValue,
  inAuthentication: formValue,
  outServer: formValue,
  outPort: formValue,
  outEncryption: formValue,
  outAuthentication: formValue,
  username: formValue,
});
export type CheckForm = z.infer<typeof checkFormSchema>;

/** The choices the form offers for encryption and authentication, by value. */
export const FORM_CHOICES = {
  encryption: { ssl: 'SSL/TLS', starttls: 'STARTTLS', unclear: 'Auto or TLS', none: 'None' },
  incomingAuthentication: { normal: 'Normal password', spa: 'Secure Password Authentication (SPA)' },
  outgoingAuthentication: { on: 'Requires authentication: ticked', off: 'Requires authentication: not ticked' },
} as const;

const HOST_VALUE = /^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/;

/** A submitted form as a screen: each field where the customer filled it. */
export function formScreen(form: CheckForm, provider: Provider): Screen {
  const screen: Screen = { hosts: [], ports: [], encryption: [] };
  const sides: [Side, string | undefined, string | undefined, string | undefined][] = [
    ['incoming', form.inServer, form.inPort, form.inEncryption],
    ['outgoing', form.outServer, form.outPort, form.outEncryption],
  ];
  for (const [side, host, port, encryption] of sides) {
    const name = host?.toLowerCase();
    if (name && HOST_VALUE.test(name)) screen.hosts.push({ side, host: name });
    if (port && /^\d{1,5}$/.test(port)) screen.ports.push({ side, port: Number(port) });
    if (encryption && encryption in FORM_CHOICES.encryption)
      screen.encryption.push({ side, value: encryption as Encryption });
  }
  if (form.inAuthentication) screen.spa = form.inAuthentication === 'spa';
  if (form.outAuthentication) screen.authentication = form.outAuthentication === 'on';
  const user = form.username && usernameIn(`username: ${form.username.toLowerCase()}`, provider.provider.domains);
  if (user) screen.username = user;
  return screen;
}
