/** Turns a search result into a reply: text always, plus structured card data where useful. */
import { LEXICON, saysWordList, type Attribute } from './lexicon';
import { wordListPattern } from './lexicon-file';
import { CHECK_TEXT, checkFormReply, checkReply } from './checker-reply';
import type { Provider } from './load';
import type { CardData, Fact, Reply, Suggestion } from './reply';
import { PROTOCOLS, type Entry, type ErrorEntry, type Protocol, type Server } from './schema';
import type { SearchResult, Target } from './search';
import type { Slots } from './slots';
import { bulletList, fillTemplate } from './template';
import { NONE_TEXT, TEXT } from './texts';

export type { CardData, Fact, Reply, Suggestion } from './reply';

/** Composes the reply for a search result. */
export function composeReply(result: SearchResult): Reply {
  const reply = replyFor(result);
  return result.slots.typedSecret ? warned(reply) : reply;
}

/**
 * A reply after a typed password: the warning first, as text. Why no card: a channel shows a card
 * in place of the text, and the warning would be hidden.
 */
export function warned(reply: Reply): Reply {
  return { ...reply, card: undefined, text: withPasswordWarning(reply.text) };
}

/** A sentence of an answer that says again what the warning says ("Never share your password …"). */
const REPEATS_WARNING = /\bshare your password\b|^I'll never ask you for your password\b/i;

/**
 * The typed-password warning before a reply, and no sentence of the reply that says it again or
 * repeats an earlier one: a warning beside an answer (an error, a check, a setting) says it once.
 */
export function withPasswordWarning(text: string): string {
  const seen = new Set<string>([TEXT.dontSharePassword]);
  const keep = (sentence: string) => {
    if (REPEATS_WARNING.test(sentence) || seen.has(sentence)) return false;
    // Why only whole sentences: a heading or a "Source: …" line may rightly come twice.
    if (/[.!?]$/.test(sentence)) seen.add(sentence);
    return true;
  };
  const lines = text.split('\n').map((line) =>
    line
      .split(/(?<=[.!?]) +/)
      .filter(keep)
      .join(' '),
  );
  return `${TEXT.dontSharePassword}\n\n${lines.join('\n')}`;
}

function replyFor(result: SearchResult): Reply {
  switch (result.kind) {
    case 'answer':
      return withDomainsNote(answerReply(result.target, result.slots, result.provider), result.slots, result.provider);
    case 'clarify':
      return withDomainsNote(
        clarifyReply(result.provider, result.options, result.attributes, result.slots),
        result.slots,
        result.provider,
      );
    case 'ambiguous':
      return ambiguousReply(result.candidates, result.ask);
    case 'none':
      // Issue 13 (service and symptoms): slow mail may still be a setting, so checking them is offered too.
      return plain(
        NONE_TEXT[result.reason],
        result.reason === 'speed' ? [CHECK_TEXT.formButton, TEXT.offerPerson] : [TEXT.offerPerson],
      );
  }
}

/**
 * Issue 13 (talk): an address written as "bt.com" (BT's web domain, which no source calls an email domain): the
 * answer says which addresses its settings are for, unless it says so already.
 */
function withDomainsNote(reply: Reply, slots: Slots, provider: Provider): Reply {
  const domains = joinAnd(provider.provider.domains);
  if (!slots.btSite || reply.text.includes(domains)) return reply;
  const note = TEXT.settingsForDomains(domains);
  const at = reply.text.indexOf('\n\nSource: ');
  const text = at < 0 ? `${reply.text} ${note}` : `${reply.text.slice(0, at)} ${note}${reply.text.slice(at)}`;
  return { ...reply, text };
}

function plain(text: string, suggestions: Suggestion[] = []): Reply {
  return { text, suggestions, sources: [], substantial: false };
}

function answerReply(target: Target, slots: Slots, provider: Provider): Reply {
  if (target.type === 'entry') return entryReply(target.entry, slots, provider);
  if (target.type === 'check') return checkReply(target.check, provider, slots.program);
  if (target.type === 'check-form') return checkFormReply();
  if (target.attributes.length === 0)
    return withPopNote(blockReply(target.protocols, provider), target.protocols, slots, provider);
  return factReply(target.protocols, target.attributes, slots, provider);
}

function sourcesOf(provider: Provider, ids: string[]): Reply['sources'] {
  return [...new Set(ids)].flatMap((id) => {
    const s = provider.sources[id];
    return s ? [{ label: s.label, title: s.title, url: s.url }] : [];
  });
}

function withSource(text: string, sources: Reply['sources']): string {
  const first = sources[0];
  return first ? `${text}\n\nSource: ${sources.map((s) => s.label).join(', ')}` : text;
}

// ---- knowledge entries ----

function entryReply(entry: Entry, slots: Slots, provider: Provider): Reply {
  const sources = sourcesOf(provider, [entry.source]);
  // Why no opener in the text: an entry's yes or no comes from its `verdicts`, only for the question it fits.
  if (entry.kind !== 'error' && slots.confirmsLast) return confirmReply(entry, provider, sources);
  const body = entry.kind === 'error' ? errorText(entry, provider) : fillTemplate(entry.answer, provider);
  const verdict = entry.kind === 'error' || slots.asksUnstated ? '' : entryVerdict(entry, slots);
  const prefix = slots.unknownError && entry.kind !== 'error' ? `${TEXT.unknownError} ` : verdict && `${verdict} `;
  const followUps = entry.kind === 'error' ? [] : entry.followUps;
  const suggestions = followUps
    .flatMap((id) => provider.entries.filter((e) => e.id === id))
    .map((e) => ({ title: e.title, value: e.title }));
  return { text: withSource(prefix + body, sources), suggestions, sources, substantial: true };
}

/** The first sentence of an entry's answer, its point: up to a stop before a space or the end (not a host's dots). */
const FIRST_SENTENCE = /^(?:[^.!?]|[.!?](?!\s|$))*[.!?]/;

/** Issue 13 (confirm): "is that right?" after an entry: "Yes — " and the entry's point again, with "Was this helpful?". */
function confirmReply(entry: Exclude<Entry, ErrorEntry>, provider: Provider, sources: Reply['sources']): Reply {
  const answer = fillTemplate(entry.answer, provider);
  const point = FIRST_SENTENCE.exec(answer)?.[0] ?? answer;
  return { text: withSource(confirmed(point), sources), suggestions: [], sources, substantial: true };
}

/** "Yes — " before a statement: "Do not enable …" reads "Yes — do not enable …"; "BT requires …", "SSL …" keep their capitals. */
function confirmed(point: string): string {
  return TEXT.confirmed(/^[A-Z][a-z]/.test(point) ? point.charAt(0).toLowerCase() + point.slice(1) : point);
}

/**
 * Issue 13 (verdicts): the yes or no an entry gives: for a box, whether it agrees with the box's
 * state; else the first of its `verdicts` whose words the yes/no question says, and none otherwise
 * ("what about talk21 then?" gets the answer, with no "No" that it did not ask for).
 */
function entryVerdict(entry: Exclude<Entry, ErrorEntry>, slots: Slots): string {
  // Issue 13 (verdicts): "on or off?", "tick it or not?" about a box: the option that is right, never a yes or no.
  if (entry.mustBe && slots.switchAsked === 'choice')
    return TEXT.switchChoice(entry.mustBe, saysWordList('switchBox', slots.words));
  // Issue 13 (talk): "and for outgoing?" after "is SPA needed?": the same yes or no, which every side shares.
  if (entry.mustBe && slots.keptVerdict) return TEXT.switchYesNo(slots.keptVerdict === 'Yes', entry.mustBe);
  // "Same for talk21?" asks yes or no as much as "is it the same for talk21?".
  if (slots.form !== 'yesno' && !slots.asksSame) return '';
  const listed = entry.verdicts.find((v) => saysWordList(v.says, slots.words))?.say;
  return listed ?? (entry.mustBe ? switchVerdict(entry.mustBe, slots) : '');
}

/**
 * Issue 13 (context): a box the entry says must be off (or on), asked about: the verdict agrees
 * with the answer ("should SPA be off?" is "Yes — leave it off."; "do I tick SPA?" is "No — …").
 */
function switchVerdict(mustBe: 'off' | 'on', slots: Slots): string {
  // Issue 13 (verdicts): "is SPA safe?" asks nothing about ticking it: no "No — leave it off" to that.
  if (slots.form !== 'yesno' || !saysWordList('asksSwitch', slots.words)) return '';
  return TEXT.switchYesNo(slots.switchAsked === mustBe, mustBe);
}

function errorText(entry: ErrorEntry, provider: Provider): string {
  const checks = bulletList(entry.checks.map((c) => fillTemplate(c, provider)));
  const parts = [fillTemplate(entry.meaning, provider), `How to fix it: ${fillTemplate(entry.fix, provider)}`];
  if (checks) parts.push(`If it still fails, check:\n${checks}`);
  return parts.join('\n\n');
}

// ---- settings table ----

const ENCRYPTION_TEXT: Record<Server['encryption'], string> = {
  ssl: 'SSL on (SSL/TLS, not STARTTLS)',
  starttls: 'STARTTLS',
  none: 'no encryption',
};

function blockReply(protocols: Protocol[], provider: Provider): Reply {
  const shown = PROTOCOLS.filter((p) => protocols.includes(p) || (p === 'smtp' && protocols.length > 0));
  const sections = [
    ...shown.map((p) => ({ heading: heading(provider.servers[p]), facts: serverFacts(p, provider) })),
    accountSection(provider),
  ];
  const notes = [TEXT.noSpa, ...shown.map((p) => provider.servers[p].portNote).filter((n): n is string => !!n)];
  const text = [
    ...sections.map((s) => `${s.heading}: ${s.facts.map((f) => `${f.label.toLowerCase()} ${f.value}`).join('; ')}.`),
    ...notes,
  ].join('\n');
  const sources = sourcesOf(
    provider,
    shown.flatMap((p) => provider.servers[p].sources),
  );
  const title = `${provider.provider.name} settings: ${shown.map((p) => provider.servers[p].label).join(' and ')}`;
  return {
    text: withSource(text, sources),
    card: { title, sections, notes },
    suggestions: [],
    sources,
    substantial: true,
  };
}

/**
 * An IMAP block given without the customer naming a protocol says how POP3 differs; not a POP3 block taken from the
 * conversation ("I'd like to use POP3, could you give me the full settings"), which the note would call IMAP's.
 */
function withPopNote(reply: Reply, shown: Protocol[], slots: Slots, provider: Provider): Reply {
  if (slots.protocols.length > 0 || slots.incoming || !shown.includes('imap') || !reply.card) return reply;
  const note = TEXT.popAlternative(provider.servers.pop3.port);
  return { ...reply, text: `${note}\n${reply.text}`, card: { ...reply.card, notes: [note, ...reply.card.notes] } };
}

function heading(server: Server): string {
  return `${server.label} (${server.direction})`;
}

function serverFacts(p: Protocol, provider: Provider): Fact[] {
  const s = provider.servers[p];
  const facts: Fact[] = [
    { label: 'Server', value: s.host },
    { label: 'Port', value: String(s.port) },
    { label: 'Encryption', value: ENCRYPTION_TEXT[s.encryption] },
    { label: 'Authentication', value: authValue(s) },
  ];
  if (s.folderSeparator !== undefined)
    facts.push({ label: 'Folder separator', value: separatorText(s.folderSeparator) });
  if (s.rootFolder !== undefined) facts.push({ label: 'Root folder/path', value: s.rootFolder || 'leave blank' });
  if (s.folders) facts.push({ label: 'Recommended folders', value: s.folders.join(', ') });
  if (s.popFolder) facts.push({ label: 'Collects mail from', value: s.popFolder });
  return facts;
}

function accountSection(provider: Provider): CardData['sections'][number] {
  return {
    heading: 'Sign-in (every server)',
    facts: [
      { label: 'Username', value: provider.account.username },
      { label: 'Password', value: provider.account.password },
    ],
  };
}

function authValue(s: Server): string {
  if (!s.authenticationRequired) return s.authentication;
  return `required, method ${s.authentication} (tick "${s.authenticationSetting ?? 'requires authentication'}")`;
}

function separatorText(sep: string): string {
  return sep === '.' ? '. (a full stop)' : `"${sep}"`;
}

function factReply(protocols: Protocol[], attributes: Attribute[], slots: Slots, provider: Provider): Reply {
  const verdicts = slots.asksUnstated ? '' : checkVerdicts(protocols, slots, provider);
  // A port line already says which encryption goes with it.
  const shown = attributes.includes('port') ? attributes.filter((a) => a !== 'encryption') : attributes;
  const lines = shown.map((a) => factLine(a, protocols, provider));
  // Issue 13 (context): a server asked for alone is for setting up: its port, encryption and sign-in come with it.
  if (shown.length === 1 && shown[0] === 'host') lines.push(serverCompanion(servers(protocols, provider)));
  const sources = sourcesOf(
    provider,
    protocols.flatMap((p) => provider.servers[p].sources),
  );
  const choice = switchChoiceVerdict(attributes, protocols, slots, provider);
  const text = [
    choice,
    // After the option, only a fix of a value typed beside it ("ssl on or off for port 587?": "Use port 465.").
    choice
      ? verdicts.startsWith('Use ') && verdicts
      : verdicts ||
        keptBoxVerdict(attributes, protocols, slots, provider) ||
        sameVerdict(slots.carried ?? shown, protocols, slots, provider) ||
        usernameSidesVerdict(attributes, slots) ||
        requiredVerdict(attributes, protocols, slots, provider),
    ...lines,
  ]
    .filter(Boolean)
    .join(' ');
  // Issue 13 (confirm): "is that right?" after these settings (no port or server among them): yes, and them again.
  if (slots.confirmsLast)
    return { text: withSource(confirmed(text), sources), suggestions: [], sources, substantial: true };
  // Why buttons: one setting answered is not the end; the whole block for each protocol is the way on.
  const suggestions = servers(protocols, provider).map((s) => TEXT.allSettings(s.label));
  return { text: withSource(text, sources), suggestions, sources, substantial: false };
}

/** What goes with a server when setting it up: its port and encryption, and sign-in where it is required. */
function serverCompanion(list: Server[]): string {
  const first = list[0];
  if (!first) return '';
  // "Port 993 for IMAP or 995 for POP3": one of the incoming; ", and 465 for SMTP": the outgoing as well.
  const side = (direction: Server['direction']) =>
    joinOr(list.filter((s) => s.direction === direction).map((s) => `${s.port} for ${s.label}`));
  const ports =
    list.length === 1
      ? `Port ${first.port}`
      : `Port ${[side('incoming'), side('outgoing')].filter(Boolean).join(', and ')}`;
  const encryption = unique(list.map((s) => ENCRYPTION_TEXT[s.encryption])).join(' / ');
  const auth = list
    .filter((s) => s.authenticationRequired)
    .map(
      (s) =>
        `${list.length > 1 ? `for ${s.label} ` : ''}tick "${s.authenticationSetting ?? 'requires authentication'}"`,
    );
  return `${ports}, with ${encryption}${auth.length ? `, and ${auth.join(' and ')}` : ''}.`;
}

function servers(protocols: Protocol[], provider: Provider): Server[] {
  return protocols.map((p) => provider.servers[p]);
}

function protocolNames(list: Server[]): string {
  const incoming = list.filter((s) => s.direction === 'incoming').map((s) => s.label);
  const outgoing = list.filter((s) => s.direction === 'outgoing').map((s) => s.label);
  const parts = [];
  if (incoming.length) parts.push(`incoming (${joinAnd(incoming)})`);
  if (outgoing.length) parts.push(`outgoing (${joinAnd(outgoing)})`);
  return joinAnd(parts);
}

function joinAnd(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

const FACT_LINES: Record<Attribute, (list: Server[], provider: Provider) => string> = {
  host: (list, provider) =>
    `The ${protocolNames(list)} server is ${unique(list.map((s) => s.host)).join(' / ')} — the same for ${joinAnd(provider.provider.domains)} addresses.`,
  port: (list) =>
    list
      .map(
        (s) =>
          `${heading(s)}: port ${s.port}, with ${ENCRYPTION_TEXT[s.encryption]}.${s.portNote ? ` ${s.portNote}` : ''}`,
      )
      .join(' '),
  encryption: (list) =>
    `Use ${ENCRYPTION_TEXT[list[0]?.encryption ?? 'ssl']} for ${joinAnd(list.map((s) => `${s.label} (port ${s.port})`))}.`,
  authentication: (list) => list.map(authLine).join(' '),
  username: (_list, provider) => `Username: ${provider.account.username}.`,
  password: (_list, provider) =>
    `Password: ${provider.account.password}, the same for incoming and outgoing mail. ${TEXT.neverAskPassword}`,
  folders: (list) =>
    list
      .filter((s) => s.folders)
      .map((s) => `BT recommends these ${s.label} folders, if your program supports them: ${joinAnd(s.folders ?? [])}.`)
      .join(' '),
  separator: (list) =>
    list
      .filter((s) => s.folderSeparator !== undefined)
      .map((s) => `${s.label} folder separator: ${separatorText(s.folderSeparator ?? '')}.`)
      .join(' '),
  rootfolder: (list) =>
    list
      .filter((s) => s.rootFolder !== undefined)
      .map((s) => `${s.label} root folder/path: ${s.rootFolder || 'leave it blank'}.`)
      .join(' '),
  popfolder: (list) =>
    list
      .filter((s) => s.popFolder)
      .map((s) => `By default ${s.label} collects mail from your ${s.popFolder}.`)
      .join(' '),
};

function factLine(attribute: Attribute, protocols: Protocol[], provider: Provider): string {
  const line = FACT_LINES[attribute](servers(protocols, provider), provider);
  if (line) return line;
  const fallback = PROTOCOLS.filter((p) => FACT_LINES[attribute](servers([p], provider), provider));
  return FACT_LINES[attribute](servers(fallback, provider), provider);
}

function authLine(s: Server): string {
  if (s.authenticationRequired) {
    return `${heading(s)} authentication is required: tick "${s.authenticationSetting ?? 'requires authentication'}" and use method ${s.authentication}, with your full email address and BT Email password (the same as for incoming mail).`;
  }
  return `${heading(s)}: ${s.authentication}, protected by SSL. ${TEXT.noSpa}`;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

/** Settings that are one value on every server of the provider: the account's, or a server field all servers share. */
function sameEverywhere(attribute: Attribute, provider: Provider): boolean {
  if (attribute === 'username' || attribute === 'password') return true;
  const all = servers([...PROTOCOLS], provider);
  if (attribute === 'host') return unique(all.map((s) => s.host)).length === 1;
  if (attribute === 'encryption') return unique(all.map((s) => s.encryption)).length === 1;
  return false;
}

/**
 * Issue 13 (last): "same for outgoing?" after a username, password or server: "Yes, the same …"
 * first, only where the knowledge has one value for every server; else no verdict.
 */
function sameVerdict(attributes: Attribute[], protocols: Protocol[], slots: Slots, provider: Provider): string {
  const list = servers(protocols, provider);
  // Issue 13 (verdicts): "is the imap server the same for talk21?" compares addresses, not sides of mail: every
  // BT domain has the same servers and ports (the addresses entry); the username and password are each account's own.
  if (slots.asksSame && slots.domains.length > 0 && !slots.asksUnstated)
    return attributes.some((a) => a === 'username' || a === 'password')
      ? ''
      : TEXT.sameForDomains(joinAnd(provider.provider.domains));
  // One side asked about, as a follow-up ("same for outgoing?"); both sides at once have nothing to be the same as.
  if (!slots.asksSame || !slots.followUp || slots.asksUnstated || attributes.length === 0) return '';
  if (unique(list.map((s) => s.direction)).length !== 1) return '';
  if (!attributes.every((a) => sameEverywhere(a, provider))) return '';
  return TEXT.sameEverywhere(protocolNames(list));
}

/**
 * Issue 13 (username verdicts): the username asked across the sides of mail ("same username for smtp and imap?",
 * "the full address for sending as well or just receiving?"): yes, both use it; asked as one side's alone
 * ("just the incoming needs the full address?"): no, both do. The smtp-auth entry says the same username for both.
 */
function usernameSidesVerdict(attributes: Attribute[], slots: Slots): string {
  if (slots.asksUnstated || !attributes.includes('username')) return '';
  if (!attributes.every((a) => a === 'username' || a === 'password' || a === 'authentication')) return '';
  // "do I do the same for outgoing" reads as no question by its form; "same" asks it still.
  const asks = slots.form === 'yesno' || slots.form === 'choice' || saysWordList('sameWords', slots.words);
  if (!asks && !/\bor\b/.test(slots.words)) return '';
  if (!saysWordList('mailSides', slots.words)) return '';
  if (saysWordList('bothSides', slots.words)) return TEXT.usernameBothSides('Yes');
  return saysWordList('oneSideOnly', slots.words) ? TEXT.usernameBothSides('No') : '';
}

/**
 * Issue 13 (talk): the yes or no of the last answer about a box, kept for the side now named ("is SSL needed for
 * incoming?" … "same for smtp?"): SSL, on for every server; SMTP authentication's box; an incoming server, which
 * has no such box but signs in with the same details (the smtp-auth entry: "the same username and password").
 */
function keptBoxVerdict(attributes: Attribute[], protocols: Protocol[], slots: Slots, provider: Provider): string {
  const yes = slots.keptVerdict === 'Yes';
  if (!slots.keptVerdict) return '';
  const list = servers(protocols, provider);
  if (attributes.includes('encryption') && list.length > 0 && list.every((s) => s.encryption !== 'none'))
    return yes ? TEXT.sslRight : TEXT.keepOn;
  if (!attributes.includes('authentication') || list.length === 0) return '';
  if (list.every((s) => s.authenticationRequired)) return yes ? TEXT.tickIt : TEXT.keepTicked;
  return list.every((s) => !s.authenticationRequired) ? `${slots.keptVerdict} — ${TEXT.incomingSignIn}` : '';
}

/**
 * A yes or no about a box the knowledge says must be ticked ("do I need to tick 'My server
 * requires authentication'?", "should I leave it off?"): the verdict first, then the setting.
 */
function requiredVerdict(attributes: Attribute[], protocols: Protocol[], slots: Slots, provider: Provider): string {
  if (slots.form !== 'yesno' || slots.asksUnstated || !attributes.includes('authentication')) return '';
  // Issue 13 (verdicts): "does SMTP authentication use my email address?" asks nothing about ticking the box.
  if (slots.form !== 'yesno' || !saysWordList('asksSwitch', slots.words)) return '';
  if (slots.proposed.auth.length > 0) return '';
  const required = servers(protocols, provider).filter((s) => s.authenticationRequired);
  if (required.length === 0) return incomingNeedVerdict(slots);
  const turned = saysWordList('switchBox', slots.words);
  if (slots.authOff) return turned ? TEXT.keepOn : TEXT.keepTicked;
  return turned ? TEXT.turnItOn : TEXT.tickIt;
}

/** A box to tick named ("do I tick 'my server requires authentication' for imap?"): no box of the incoming side's. */
const NAMES_A_BOX = /\b(tick\w*|untick\w*|box|checkbox|tickbox|check)\b/;

/**
 * Issue 13 (talk): "does pop need authentication?", as "and for incoming?" after "is authentication needed?" is
 * answered: yes, the incoming server signs in with the same details; not to ticking a box, which is outgoing's.
 */
function incomingNeedVerdict(slots: Slots): string {
  if (!saysWordList('asksNeed', slots.words) || saysWordList('turnOff', slots.words) || slots.authOff) return '';
  return NAMES_A_BOX.test(slots.words) ? '' : `Yes — ${TEXT.incomingSignIn}`;
}

/**
 * Issue 13 (verdicts): an either/or about a box the knowledge says must be on ("ssl on or off?", "tick the
 * ssl box or not", "is smtp auth needed or not"): the option that is right first, never a yes or no.
 */
function switchChoiceVerdict(attributes: Attribute[], protocols: Protocol[], slots: Slots, provider: Provider): string {
  if (slots.switchAsked !== 'choice' || slots.form !== 'choice' || slots.asksUnstated) return '';
  const list = servers(protocols, provider);
  const on =
    (attributes.includes('encryption') && list.length > 0 && list.every((s) => s.encryption !== 'none')) ||
    (attributes.includes('authentication') && list.some((s) => s.authenticationRequired));
  return on ? TEXT.switchChoice('on', saysWordList('switchBox', slots.words)) : '';
}

// ---- yes/no checks of values the customer proposed ----

/** Issue 13 (verdicts): "… is that wrong?" or "is 465 wrong" at the end (lexicon `asksWrongEnd`). */
const ASKS_WRONG_END = new RegExp(`${wordListPattern(LEXICON.words.asksWrongEnd).source}$`);

/** Whether a yes/no asks if values are wrong, not right ("is that wrong?"): its yes says they are wrong. */
function asksWrong(words: string): boolean {
  return (saysWordList('asksWrong', words) || ASKS_WRONG_END.test(words)) && !saysWordList('rightOrWrong', words);
}

type Verdict = 'right' | 'wrong' | 'mixed';

function checkVerdicts(protocols: Protocol[], slots: Slots, provider: Provider): string {
  const list = servers(protocols, provider);
  // Each check: the verdict, how to say the right value, and how to say the fix.
  const correct = list.map((s) => s.port);
  // What was right is what was typed ("port 995 is right"), not every server's port ("993 or 995").
  const typedRight = slots.proposed.ports.filter((p) => correct.includes(p));
  const ports =
    list.length > 1 && typedRight.length > 0
      ? `${typedRight.length > 1 ? 'ports' : 'port'} ${joinAnd(typedRight.map(String))}`
      : `port ${joinOr(unique(correct.map(String)))}`;
  // Issue 13 (verdicts): a fix for more than one server says which port is whose ("993 for IMAP and 995 for POP3").
  const portFix = list.length > 1 ? `port ${joinAnd(list.map((s) => `${s.port} for ${s.label}`))}` : ports;
  const hosts = unique(list.map((s) => s.host)).join(' / ');
  const checks: [Verdict | undefined, string, string][] = [
    [
      judge(
        slots.proposed.ports,
        list.map((s) => s.port),
      ),
      ports,
      portFix,
    ],
    [
      judge(
        slots.proposed.hosts,
        list.map((s) => s.host),
      ),
      hosts,
      hosts,
    ],
    [judgeEncryption(slots.proposed.encryption), 'SSL', encryptionFix(slots.proposed.encryption)],
    [judgeAuth(slots.proposed.auth, list), 'PLAIN', 'PLAIN (normal password)'],
  ];
  const found = checks.filter((c): c is [Verdict, string, string] => c[0] !== undefined);
  if (found.length === 0) return '';
  const right = found.filter(([v]) => v === 'right').map(([, w]) => w);
  const fix = found.filter(([v]) => v !== 'right').map(([, , w]) => w);
  // "What is port 993 for?" asks what the value does, which the reply says; "Yes" would answer nothing asked,
  // and "SSL or TLS?" is answered by naming the right one.
  const plural = right.length > 1 || right.some((w) => w.startsWith('ports '));
  const allRight = `${joinAnd(right)} ${plural ? 'are' : 'is'} right.`;
  if (fix.length === 0)
    return slots.form === 'what'
      ? ''
      : slots.form === 'choice'
        ? capitalise(allRight)
        : slots.form === 'statement'
          ? TEXT.statedRight(joinAnd(right), plural ? 2 : 1)
          : `${asksWrong(slots.words) ? 'No' : 'Yes'} — ${allRight}`;
  const rightToo = right.length > 0 ? ` (${capitalise(joinAnd(right))} ${plural ? 'are' : 'is'} right.)` : '';
  // A yes/no about values of which some are right and some not: "Not quite", never a plain "No" or "Yes".
  const mixed = found.some(([v]) => v === 'mixed') || right.length > 0;
  const wrongAsked = asksWrong(slots.words);
  const opener =
    slots.form !== 'yesno'
      ? 'Use'
      : mixed
        ? `${wrongAsked ? 'Partly' : 'Not quite'} — use`
        : `${wrongAsked ? 'Yes' : 'No'} — use`;
  return `${opener} ${joinAnd(fix)}.${rightToo}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function joinOr(items: string[]): string {
  return items.join(' or ');
}

function judge<T>(proposed: T[], correct: T[]): Verdict | undefined {
  if (proposed.length === 0 || correct.length === 0) return undefined;
  const right = proposed.filter((p) => correct.includes(p));
  if (right.length === proposed.length) return 'right';
  return right.length > 0 ? 'mixed' : 'wrong';
}

/** How to say the fix: against STARTTLS, or against no encryption at all. */
function encryptionFix(proposed: Slots['proposed']['encryption']): string {
  return proposed.includes('starttls') ? 'SSL (SSL/TLS), not STARTTLS' : 'SSL (SSL/TLS)';
}

function judgeEncryption(proposed: Slots['proposed']['encryption']): Verdict | undefined {
  if (proposed.length === 0) return undefined;
  const good = proposed.filter((e) => e === 'ssl' || e === 'tls');
  if (good.length === proposed.length) return 'right';
  return good.length > 0 ? 'mixed' : 'wrong';
}

function judgeAuth(proposed: string[], list: Server[]): Verdict | undefined {
  const methods = list.map((s) => s.authentication.toLowerCase());
  const normalised = proposed.map((p) =>
    p === 'plain' && methods.includes('normal password') ? 'normal password' : p,
  );
  return judge(normalised, methods);
}

// ---- clarify and "did you mean" ----

function clarifyReply(provider: Provider, options: Protocol[], attributes: Attribute[], slots: Slots): Reply {
  const list = servers(options, provider);
  const ports = joinAnd(list.map((s) => `${s.port} for ${s.label}`));
  const host = attributes.includes('host') ? `${FACT_LINES.host(list, provider)} ` : '';
  const body = `${host}Incoming mail uses port ${ports}, with ${ENCRYPTION_TEXT.ssl}. ${TEXT.whichProtocol}`;
  // Issue 13 (verdicts): "incoming port 110 ok?" is a yes/no about a value: "No — " before the ports, which say the fix.
  const verdict = slots.asksUnstated ? '' : checkVerdicts(options, slots, provider);
  const dash = verdict.indexOf(' — ');
  // "No — 995 is right." (to "is that wrong?") keeps its sentence, as a "Yes" does.
  const text =
    verdict.startsWith('Yes') || verdict.endsWith(' right.')
      ? `${verdict} ${body}`
      : dash > 0
        ? `${verdict.slice(0, dash)} — ${body.charAt(0).toLowerCase()}${body.slice(1)}`
        : body;
  const suggestions = [...list.map((s) => ({ title: s.label, value: `${s.label} settings` })), TEXT.howToTell];
  return {
    text,
    suggestions,
    sources: sourcesOf(
      provider,
      list.flatMap((s) => s.sources),
    ),
    substantial: false,
  };
}

function ambiguousReply(candidates: Entry[], ask?: 'which-side'): Reply {
  const suggestions = candidates.map((e) => ({ title: e.title, value: e.title }));
  if (ask === 'which-side') return plain(TEXT.whichSide, [...suggestions, TEXT.checkMySettings, TEXT.offerPerson]);
  return plain(TEXT.didYouMean, [...suggestions, TEXT.noneOfThese]);
}
