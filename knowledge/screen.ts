/**
 * A pasted settings screen ("Incoming mail server: pop.btinternet.com / Port 110 / User name: …"):
 * its fields are read, each is checked against the provider's settings, and the reply says which
 * values are wrong and what they should be, and which are right. Pure; every value it states
 * comes from the knowledge. It never repeats a username or a password the customer typed.
 */
import { LEXICON, saysWordList } from './lexicon';
import type { Provider } from './load';
import { MAX_INPUT, normalise, tokens } from './normalise';
import { applySynonyms } from './pipeline';
import type { Protocol, Server } from './schema';

/** The incoming side, the outgoing side, or neither said. */
export type Side = 'incoming' | 'outgoing';
/** Encryption as a screen shows it: SSL/TLS, STARTTLS, a bare "TLS" or "Auto" (unclear), or none. */
export type Encryption = 'ssl' | 'starttls' | 'unclear' | 'none';

/** The fields read from a pasted screen. */
export interface Screen {
  type?: 'imap' | 'pop3';
  hosts: { side?: Side; host: string }[];
  ports: { side?: Side; port: number }[];
  encryption: { side?: Side; value: Encryption }[];
  /** "My outgoing server requires authentication" ticked (true) or not (false). */
  authentication?: boolean;
  /** Secure Password Authentication ticked (true) or not (false). */
  spa?: boolean;
  /** A username was shown: whether it is a full address at one of the provider's domains. */
  fullAddress?: boolean;
  /** Issue 15 (checker): the username shown, as a kind (never the name itself). */
  username?: 'full' | 'bare' | 'other';
}

/** Where one field of a screen ends: a line, a tab, a wide gap, " / ", " | ", " > ", ";" or ", ". */
const FIELD_BREAK = /\r?\n|\t| {3,}| [/|>] |; ?|, /;
const LABELLED = /^[^:=]{2,60}[:=]/;
const HOST_PORT = /(?<![@\w.-])[a-z0-9-]+(?:\.[a-z0-9-]+)+:(\d{2,5})\b/;
const HOST = /(?<![@\w.-])([a-z0-9-]+(?:\.[a-z0-9-]+)+)(?![\w@-])/;
/** A label's value after ":", "=" or a space; one way only, so a run of spaces is read once (linear). */
const VALUE_AFTER = String.raw`(?:[ \t]*[:=][ \t]*| +)`;
const PORT = new RegExp(String.raw`\bport\b(?: number| no)?${VALUE_AFTER}(\d{2,5})\b`);
const TYPE = new RegExp(
  String.raw`\b(?:account type|server type|type of account|incoming server type|protocol)${VALUE_AFTER}(imap|pop3?)\b`,
);
const ENCRYPTION_LABEL =
  /\b(encryption|encrypted connection|connection security|security|secure connection|use ssl|ssl|tls|starttls)\b/;
const ENCRYPTION_LABEL_ALL = new RegExp(ENCRYPTION_LABEL.source, 'g');
const AUTH_LABEL =
  /\b(requires? authentication|requires? sign-?in|smtp authentication|outgoing authentication|no authentication)\b/;
const SPA_LABEL = /\b(secure password authentication|spa)\b/;
/**
 * A username shown: "User name: …", "User name - …", "Username field set to '…'", "login=…", a log's
 * "with username "…"", "for user "…"", "user=<…>".
 */
const USERNAME =
  /\b(?:user ?name|user id|login|log in|account name)(?: field)?(?:\s*[:=]\s*| - | (?:set to|is|was|as) | (?=['"‘“<]))(\S+)|\buser(?:\s*[:=]\s*| (?=['"‘“<]))(\S+)/;
/**
 * Issue 13 (side switch): a username written straight after its label, with no colon or "is" ("username jsmith is that
 * right", "my user name jsmith", "login jsmith ok?"): one name, then the end, a mark, or a word asking about it.
 */
const BARE_USERNAME =
  /\b(?:user ?name|user id|login|account name) ([a-z0-9_-]+(?:\.[a-z0-9_-]+)?)(?=$|[,?!;)]|\.(?:\s|$)|\s*\.\.\.| -| (?:is|right|correct|ok|okay|yes)\b)/;
/** A label naming a server ("Server", "Host Name", "Incoming mail server", "SMTP"). */
const SERVER_LABEL = /\b(server|host|hostname|incoming|outgoing|imap|pop3?|smtp)\b/;
/** Everyday words (the lexicon's stopwords and never-corrected words): never a username. */
const EVERYDAY: ReadonlySet<string> = new Set([...LEXICON.stopwords, ...LEXICON.neverCorrected]);
/** The side of each well-known mail port. */
const PORT_SIDE: Record<number, Side> = {
  110: 'incoming',
  995: 'incoming',
  143: 'incoming',
  993: 'incoming',
  25: 'outgoing',
  465: 'outgoing',
  587: 'outgoing',
  2525: 'outgoing',
};
/** Asking to confirm values rather than showing a screen: "is this correct?", "can you confirm", "sanity check". */
const CONFIRM = /\b(right|correct|confirm\w*|check\w*|verify\w*|sanity|double check\w*)\b/;
/** A field asked about rather than shown: "port 993?", "SSL on, right", "is it 465". */
const ASKED = /\?|\b(right|correct|is (it|that|this)|yes or no)\b/;
const ON = /\b(yes|on|ticked|checked|enabled|true)\b|\[x\]|☑|✓|✔/;
const OFF = /\b(no|off|unticked|unchecked|not ticked|disabled|false|none)\b|\[ \]|☐/;

/** Reads the fields of a pasted settings screen, or undefined when the text is not one. */
export function readScreen(input: string, domains: readonly string[]): Screen | undefined {
  // Why a cheap test first: a screen has lines or two labels, and most messages have neither.
  const raw = input.slice(0, MAX_INPUT);
  if (!raw.includes('\n') && raw.split(/[:=]/, 3).length < 3) return undefined;
  const { screen, text, segments, labelled, read, asked } = readLayout(raw, domains);
  // Issue 13 (multi): "- IMAP server mail.btinternet.com?\n- port 993?" asks about values, one by one: not a screen;
  // nor is one line asking to confirm them ("can you confirm these are right: imap port: 993, smtp port: 587").
  if (asked >= 2 && asked * 2 >= read) return undefined;
  if (!text.includes('\n') && CONFIRM.test(text)) return undefined;
  // Two lines each naming a server ("incoming mail.btinternet.com 993 ssl") are a screen too.
  const laidOut = labelled >= 2 || (text.includes('\n') && (segments.length >= 3 || screen.hosts.length >= 2));
  return fieldCount(screen) >= 2 && laidOut ? screen : undefined;
}

/**
 * Issue 15 (checker): the fields of any text, laid out as a screen or not ("incoming pop.btinternet.com
 * 110 no ssl, outgoing smtp.btinternet.com 25"); the same reading as a screen's, without asking
 * whether the text is one.
 */
export function readSettings(input: string, domains: readonly string[]): Screen {
  return readLayout(input.slice(0, MAX_INPUT), domains).screen;
}

/** How many fields a screen shows. */
export function fieldCount(screen: Screen): number {
  const switches = [screen.type, screen.authentication, screen.spa, screen.fullAddress];
  return (
    screen.hosts.length +
    screen.ports.length +
    screen.encryption.length +
    switches.filter((f) => f !== undefined).length
  );
}

/** A text read segment by segment: its fields, and how many segments were labelled, read and asked about. */
function readLayout(raw: string, domains: readonly string[]) {
  const text = raw.normalize('NFKC').toLowerCase();
  const segments = text
    .split(FIELD_BREAK)
    .map((s) => s.trim())
    .filter(Boolean);
  const screen: Screen = { hosts: [], ports: [], encryption: [] };
  let side: Side | undefined;
  // Issue 13 (screens): fields read while no side is known ("Server: mail.btinternet.com" above "Port: 465").
  let pending: { side?: Side }[] = [];
  let labelled = 0;
  let read = 0;
  let asked = 0;
  for (const segment of segments) {
    const named = sideOf(labelOf(segment));
    // A well-known port says its side ("Port 110" is POP's, whatever came before), and the side of the
    // fields above it that no label placed ("Server: … / Port: 465 / SSL: on" is the outgoing server).
    const portSide = PORT_SIDE[Number(sidePortOf(segment))];
    if (!named && portSide) pending.forEach((field) => (field.side = portSide));
    if (named || portSide) pending = [];
    // A second server where the side carried over already has one starts a section of its own.
    else if (side && anotherServer(segment, side, screen)) side = undefined;
    side = named ?? portSide ?? side;
    const counts = [screen.hosts.length, screen.ports.length, screen.encryption.length];
    if (!readField(segment, side, screen, domains)) continue;
    [screen.hosts, screen.ports, screen.encryption].forEach((list, i) =>
      pending.push(...list.slice(counts[i]).filter((field) => !field.side)),
    );
    labelled += LABELLED.test(segment) ? 1 : 0;
    read += 1;
    asked += ASKED.test(segment) ? 1 : 0;
  }
  return { screen, text, segments, labelled, read, asked };
}

/** The port a segment shows, to place it on a side: "Port: 465", "mail.btinternet.com:465" or "465" alone. */
function sidePortOf(segment: string): string | undefined {
  return PORT.exec(segment)?.[1] ?? HOST_PORT.exec(segment)?.[1] ?? (/^\d{2,5}$/.test(segment) ? segment : undefined);
}

/** A server named where the side carried over already shows one: "Server: …" after the incoming section. */
function anotherServer(segment: string, side: Side, screen: Screen): boolean {
  return SERVER_LABEL.test(labelOf(segment)) && hostOf(segment) !== '' && screen.hosts.some((h) => h.side === side);
}

/**
 * The side the rest of a message gives the fields no label or value placed ("can't send" above
 * "Server: mail.btinternet.com"), unless the screen shows the other side too: then it cannot tell.
 */
export function settleSides(screen: Screen, side: Side): void {
  const fields = [...screen.hosts, ...screen.ports, ...screen.encryption];
  if (fields.some((f) => f.side !== undefined && f.side !== side)) return;
  fields.forEach((f) => (f.side ??= side));
}

function labelOf(segment: string): string {
  const colon = segment.search(/[:=]/);
  return colon > 0 ? segment.slice(0, colon) : segment;
}

function sideOf(label: string): Side | undefined {
  const incoming = /\b(incoming|imap|pop3?|receiving)\b/.test(label);
  const outgoing = /\b(outgoing|smtp|sending)\b/.test(label);
  return incoming === outgoing ? undefined : incoming ? 'incoming' : 'outgoing';
}

/** Reads one field into the screen; false when the segment holds none. */
function readField(segment: string, side: Side | undefined, screen: Screen, domains: readonly string[]): boolean {
  const type = TYPE.exec(segment)?.[1];
  if (type) screen.type = type === 'imap' ? 'imap' : 'pop3';
  const user = usernameIn(segment, domains);
  if (user !== undefined) {
    screen.fullAddress = user === 'full';
    screen.username = user;
    return true;
  }
  // A password field is never read (nor repeated); "logon using Secure Password Authentication" is SPA's.
  if (/\bpass ?word\b/.test(labelOf(segment)) && !SPA_LABEL.test(segment)) return false;
  const hostLabel = SERVER_LABEL.test(labelOf(segment));
  // A host with its port ("mail.btinternet.com:993 IMAP Connected", a connection log) is a server shown too.
  const host = hostLabel || !segment.includes(':') || HOST_PORT.test(segment) ? hostOf(segment) : '';
  if (host) screen.hosts.push({ side: side ?? hostSide(host), host });
  // "Outgoing: mail.btinternet.com 587 None": the port and encryption written after the host.
  const rest = host ? segment.slice(segment.indexOf(host) + host.length) : '';
  // A well-known mail port alone in its field ("mail.btinternet.com, 143, STARTTLS") is that field's port.
  const alone = /^\d{2,5}$/.test(segment) && PORT_SIDE[Number(segment)] ? segment : undefined;
  const port = portOf(segment) ?? PORT_AFTER_HOST.exec(rest)?.[1] ?? alone;
  if (port) screen.ports.push({ side: side ?? hostSide(host), port: Number(port) });
  const trailing = host && !ENCRYPTION_LABEL.test(labelOf(segment)) ? encryptionAfterHost(rest) : undefined;
  if (trailing) screen.encryption.push({ side: side ?? hostSide(host), value: trailing });
  const switches = readSwitches(segment, side, screen);
  return Boolean(type || port || host || switches || trailing);
}

/**
 * The username a text shows (lower case): a full address at one of the domains, a name without
 * its @ part ("bare"), another address, or undefined when none is shown. Never the name itself.
 */
export function usernameIn(text: string, domains: readonly string[]): 'full' | 'bare' | 'other' | undefined {
  const m = USERNAME.exec(text);
  const user = m?.[1] ?? m?.[2];
  if (user === undefined) return bareUsernameIn(text);
  // A log quotes it ("Username field set to 'jsmith'", "(user=<jsmith>)"): the quotes and a full stop are not the name.
  const name = trimEnd(user.replace(/^['"‘“<(]+/, ''), `'"’”>).,`);
  // Issue 13 (username verdicts): "Username: just my first name", "user name - only the bit before the @",
  // "login: jsmith (no domain)": a name described as without its @ part is one, whatever the word after the label.
  // "username is my name@btinternet.com" shows the full address, whatever the words before it.
  const near = text.slice(m?.index ?? 0, (m?.index ?? 0) + 120);
  if (saysWordList('describedBare', near) && !domains.some((d) => near.includes(`@${d}`))) return 'bare';
  // "username is my email", "username is just …", "Login: failed": an everyday word or a status is no username.
  if (EVERYDAY.has(name) || saysWordList('notUsername', name)) return undefined;
  if (domains.some((d) => name.endsWith(`@${d}`))) return 'full';
  return name.includes('@') ? 'other' : 'bare';
}

/**
 * Issue 13 (side switch): a name straight after the label ("username jsmith is that right"), unless it is a word of
 * the conversation ("username format?", "login problems?": lexicon `notBareUsername`). Never the name itself.
 */
function bareUsernameIn(text: string): 'bare' | undefined {
  const typed = BARE_USERNAME.exec(text)?.[1];
  if (typed === undefined || /^\d+$/.test(typed)) return undefined;
  // Read as the search reads words ("sending" is smtp, "pls" please), so the word lists name each word once.
  const name = applySynonyms(tokens(normalise(typed)).join(' '));
  if (EVERYDAY.has(name) || saysWordList('notUsername', name)) return undefined;
  return saysWordList('notBareUsername', name) ? undefined : 'bare';
}

/** What to change about a username that is not the full address, from the knowledge. */
export function usernameFix(provider: Provider): string {
  return `The username must be ${provider.account.username}, not just the part before the @.`;
}

/** The text without the given characters at its end (a loop, not a regex: `[…]+$` is not linear). */
function trimEnd(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text.charAt(end - 1))) end -= 1;
  return text.slice(0, end);
}

/** A port: "Port: 993", "mail.btinternet.com:993", or a number alone after a server's label ("Outgoing server (SMTP): 587"). */
function portOf(segment: string): string | undefined {
  const labelled = PORT.exec(segment)?.[1] ?? HOST_PORT.exec(segment)?.[1];
  if (labelled) return labelled;
  const colon = segment.search(/[:=]/);
  const value = colon > 0 ? segment.slice(colon + 1).trim() : '';
  return /^\d{2,5}$/.test(value) && /\b(server|port)\b/.test(segment.slice(0, colon)) ? value : undefined;
}

/** A port number after a host ("mail.btinternet.com 993", "… (port 465)"). */
const PORT_AFTER_HOST = /^[\s,(]*(?:on\s+)?(?:port\s*)?(\d{2,5})\b/;

/** Encryption named after a host on one line ("… 993 SSL", "… 587 STARTTLS", "… 110 none"); only its own words. */
function encryptionAfterHost(rest: string): Encryption | undefined {
  if (/\b(none|no encryption|unencrypted|no ssl|ssl off|without ssl|plain ?text)\b/.test(rest)) return 'none';
  if (/\bstarttls\b/.test(rest)) return 'starttls';
  if (/\bssl\b/.test(rest)) return 'ssl';
  return /\btls\b/.test(rest) ? 'unclear' : undefined;
}

function hostOf(segment: string): string {
  const host = HOST.exec(segment)?.[1] ?? '';
  return /[a-z]/.test(host) && !/\.(exe|png|jpg)$/.test(host) ? host : '';
}

function hostSide(host: string): Side | undefined {
  const first = host.split('.')[0] ?? '';
  if (first === 'smtp') return 'outgoing';
  return ['pop', 'pop3', 'imap'].includes(first) ? 'incoming' : undefined;
}

/** Encryption, "requires authentication" and SPA, each with its value after the label. */
function readSwitches(segment: string, side: Side | undefined, screen: Screen): boolean {
  const value = segment.includes(':') ? segment.slice(segment.search(/[:=]/) + 1) : segment;
  if (SPA_LABEL.test(segment)) {
    const on = switchOf(value);
    if (on !== undefined) screen.spa = on;
    return on !== undefined;
  }
  if (AUTH_LABEL.test(segment)) {
    const on = switchOf(value);
    if (on !== undefined) screen.authentication = on;
    return on !== undefined;
  }
  if (!ENCRYPTION_LABEL.test(labelOf(segment))) return false;
  // "ssl off" on a line with no colon: the value is what follows the label, not the label itself.
  const after = segment.includes(':') ? value : segment.slice(lastEnd(segment, ENCRYPTION_LABEL_ALL));
  // A segment that is only the name ("SSL/TLS", "STARTTLS") is the value chosen.
  const encryption = encryptionOf(after.trim() === '' ? segment : after);
  if (encryption) screen.encryption.push({ side, value: encryption });
  return encryption !== undefined;
}

/** Where the last match of a global pattern ends (0 when none). */
function lastEnd(text: string, pattern: RegExp): number {
  let end = 0;
  for (const m of text.matchAll(pattern)) end = m.index + m[0].length;
  return end;
}

function switchOf(value: string): boolean | undefined {
  if (OFF.test(value)) return false;
  return ON.test(value) ? true : undefined;
}

/** Encryption said to be off before its name ("no ssl", "without TLS"), on a line with no colon. */
const NO_ENCRYPTION = /\b(?:no|without|not using|non) (?:ssl|tls|encryption)\b/;

function encryptionOf(value: string): Encryption | undefined {
  if (NO_ENCRYPTION.test(value)) return 'none';
  if (/\bstarttls\b/.test(value)) return 'starttls';
  if (/\bssl\b/.test(value)) return 'ssl';
  if (/\b(auto|automatic|tls)\b/.test(value)) return 'unclear';
  if (OFF.test(value)) return 'none';
  return ON.test(value) ? 'ssl' : undefined;
}

// ---- checking the fields against the settings ----

/** The screen's incoming protocol: its account type, else what its host or port says. */
export function incomingProtocol(screen: Screen): 'imap' | 'pop3' | undefined {
  if (screen.type) return screen.type;
  const host = screen.hosts.find((h) => h.side === 'incoming')?.host.split('.')[0];
  if (host === 'pop' || host === 'pop3') return 'pop3';
  if (host === 'imap') return 'imap';
  const port = screen.ports.find((p) => p.side !== 'outgoing')?.port;
  if (port === 110 || port === 995) return 'pop3';
  return port === 143 || port === 993 ? 'imap' : undefined;
}

/** What is wrong, what is right, and what was not shown, as sentences. */
export interface ScreenCheck {
  wrong: string[];
  right: string[];
  unseen: string[];
}

/** Checks each field read against the provider's servers and account. */
export function checkScreen(screen: Screen, provider: Provider): ScreenCheck {
  const incoming = incomingProtocol(screen);
  const servers = provider.servers;
  const inServer: Server = servers[incoming ?? 'imap'];
  const out = servers.smtp;
  const check: ScreenCheck = { wrong: [], right: [], unseen: [] };
  checkHosts(screen, inServer, out, check);
  checkPorts(screen, incoming, provider, check);
  checkEncryption(screen, check);
  if (screen.authentication === false)
    check.wrong.push(
      `Tick "${out.authenticationSetting ?? 'My server requires authentication'}" for the outgoing server.`,
    );
  else if (screen.authentication)
    check.right.push(`"${out.authenticationSetting ?? 'requires authentication'}" ticked`);
  else
    check.unseen.push(`"${out.authenticationSetting ?? 'My server requires authentication'}" ticked for outgoing mail`);
  if (screen.spa)
    check.wrong.push('Untick Secure Password Authentication (SPA): it is not needed with SSL and will not work.');
  else if (screen.spa === false) check.right.push('SPA off');
  if (screen.fullAddress === false) check.wrong.push(usernameFix(provider));
  else if (screen.fullAddress) check.right.push('the username (your full email address)');
  return check;
}

function checkHosts(screen: Screen, inServer: Server, out: Server, check: ScreenCheck): void {
  const sides: [Side, Server][] = [
    ['incoming', inServer],
    ['outgoing', out],
  ];
  // Issue 13 (screens): a server whose side neither its label, a port nor the message tells is checked against both.
  const unsided = screen.hosts.filter((h) => !h.side);
  for (const [side, server] of sides) {
    const name = `${side} (${server.label}) server`;
    const shown = screen.hosts.filter((h) => h.side === side);
    for (const { host } of shown)
      if (host === server.host) check.right.push(`${name} ${host}`);
      else check.wrong.push(`${capitalise(name)}: ${host} is not right — use ${server.host}.`);
    if (shown.length === 0 && unsided.length === 0) check.unseen.push(`${name} ${server.host}`);
  }
  const both = inServer.host === out.host ? inServer.host : undefined;
  const use = both ?? `${inServer.host} for incoming (${inServer.label}), ${out.host} for outgoing (${out.label})`;
  for (const { host } of unsided)
    if (host === inServer.host || host === out.host)
      check.right.push(`server ${host}${both ? ' (the same for incoming and outgoing)' : ''}`);
    else check.wrong.push(`Server: ${host} is not right — use ${use}.`);
}

function checkPorts(screen: Screen, incoming: Protocol | undefined, provider: Provider, check: ScreenCheck): void {
  const { imap, pop3, smtp } = provider.servers;
  for (const { side, port } of screen.ports) {
    const outgoing = side === 'outgoing' || (side === undefined && [25, 465, 587, 2525].includes(port));
    const incomingSide = incoming ? [provider.servers[incoming]] : [imap, pop3];
    // A port no label placed and not a sending port may be either side's.
    const expected = outgoing ? [smtp] : side === undefined ? [...incomingSide, smtp] : incomingSide;
    if (expected.some((s) => s.port === port)) check.right.push(`port ${port}`);
    else check.wrong.push(portFix(port, expected));
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function portFix(port: number, expected: Server[]): string {
  const use = expected.map((s) => `${s.port} for ${s.label} (${s.direction})`).join(' or ');
  return `Port ${port} is not right — use ${use}, with SSL on (SSL/TLS, not STARTTLS).`;
}

function checkEncryption(screen: Screen, check: ScreenCheck): void {
  for (const { side, value } of screen.encryption) {
    const where = side ? `the ${side} server` : 'each server';
    if (value === 'ssl') check.right.push(`SSL on for ${where}`);
    else if (value === 'unclear')
      check.wrong.push(`For ${where}, choose SSL (SSL/TLS) by name if it is offered, not STARTTLS or Auto.`);
    else check.wrong.push(`Turn SSL on for ${where} (SSL/TLS, not STARTTLS${value === 'none' ? ', not None' : ''}).`);
  }
  if (screen.encryption.length === 0) check.unseen.push('SSL on for both servers');
}
