/** The knowledge search: canonical words → slots → the routing table (routes.yaml), with fuse.js-backed matching → a closed result. */
import Fuse from 'fuse.js';
import { EMAIL_WORDS, LEXICON, PROTOCOL_WORDS, SWITCH, saysWordList, type Attribute } from './lexicon';
import { wordListPattern } from './lexicon-file';
import { KnowledgeError, type KnowledgeBase, type Provider } from './load';
import { applyBesideProtocolSynonyms, applyFollowUpSynonyms, canonicalise, lexiconWords } from './pipeline';
import {
  ENTRY_IDS,
  correctedProtocols,
  followUpProtocols,
  lastBoxes,
  loadRoutes,
  referenceProblems,
  routeApplies,
  STRONG,
  WEAK,
  type AnswerName,
  type Match,
  type NoneReason,
  type Query,
  type Route,
  type SearchContext,
} from './routes';
import type { Entry, Protocol } from './schema';
import { extractSlots, type Slots } from './slots';
import { MAX_INPUT } from './normalise';
import { bagOf, buildIdf, contentWords, overlaps, stem, type Bag, type Idf } from './rank';
import { createSpellingCorrector, type SpellingCorrector } from './spelling';
import { containsSecret } from '../transcripts/redact';
import { checkSettings, readChecked, type SettingsCheck } from './checker';

export type { NoneReason, SearchContext } from './routes';

/** What an answer is about: a knowledge entry, or rows of the settings table. */
export type Target =
  | { type: 'entry'; entry: Entry }
  | { type: 'settings'; protocols: Protocol[]; attributes: Attribute[] }
  /** Issue 15 (checker): the settings a customer showed, checked field by field; or the form to fill them in. */
  | { type: 'check'; check: SettingsCheck }
  | { type: 'check-form' };

/** The outcome of one search. */
export type SearchResult = (
  | { kind: 'answer'; target: Target; confidence: number; slots: Slots; provider: Provider }
  | { kind: 'clarify'; attributes: Attribute[]; options: Protocol[]; slots: Slots; provider: Provider }
  /** `ask`: the question the choices answer, when it is not "did you mean" (`which-side`: sending or receiving?). */
  | { kind: 'ambiguous'; candidates: Entry[]; slots: Slots; provider: Provider; ask?: 'which-side' }
  | { kind: 'none'; reason: NoneReason; slots: Slots; provider: Provider }
) & {
  /** The message gives a secret the text alone does not show (a route with `givesSecret`: "its Penguin2024" after the decline). */
  givesSecret?: true;
};

/** A ready-to-use search over a knowledge base. */
export interface Searcher {
  search(text: string, context?: SearchContext): SearchResult;
  /** The search with the name of the route that decided it, for tests and tracing. */
  decide(text: string, context?: SearchContext): Decision;
  canonical(text: string): string;
  /** The text's content words as the search reads them (canonical, no stop words): insights group unanswered questions by them. */
  words(text: string): string[];
  /** The entry whose questions share the most weighted words with the text, if any shares one. */
  nearest(text: string): { id: string; question: string } | null;
}

/** A search result and the route that gave it. */
export interface Decision {
  route: string;
  result: SearchResult;
}

type Hit = Match;

interface IndexedQuestion {
  entry: Entry;
  text: string;
  words: string[];
  /** Its stems and their weight, computed once for `overlaps`. */
  bag: Bag;
}

interface ProviderIndex {
  provider: Provider;
  questions: IndexedQuestion[];
  /** Question numbers by word stem: exact words find their questions without fuzzy matching. */
  postings: Map<string, number[]>;
  /** Each question's bag, by question number, for `overlaps`. */
  bags: Bag[];
  /** fuse.js over the questions' own words by first letter, for words a customer spells differently. */
  words: Map<string, Fuse<string>>;
  /** What `matchWord` found for each word not in the questions (bounded). */
  fuzzyWords: Map<string, string>;
  idf: Idf;
  codes: Set<string>;
  memo?: { key: string; hits: Hit[] };
}

const MAX_QUERY_WORDS = 16;
/** How different a customer's word may be from a question word (fuse.js score). */
const FUZZY_WORD = 0.25;

/**
 * Builds the search indexes for every provider of a knowledge base, with the routing table;
 * throws a KnowledgeError when a route or the code names an entry the knowledge does not have.
 */
export function createSearcher(kb: KnowledgeBase, routes: Route[] = loadRoutes()): Searcher {
  const problems = referenceProblems(kb, routes);
  if (problems.length > 0) throw new KnowledgeError(problems);
  const speller = createSpellingCorrector(vocabulary(kb));
  const indexes = kb.providers.map((p) => buildIndex(p, speller));
  const domains = kb.providers.flatMap((p) => p.provider.domains);
  const canonical = (text: string) => canonicalise(text, speller);
  const codes = new Set(indexes.flatMap((i) => [...i.codes]));
  const decideText = (text: string, context: SearchContext = {}): Decision => {
    const words = followsAnAnswer(context)
      ? applyFollowUpSynonyms(canonical(text))
      : applyBesideProtocolSynonyms(canonical(text));
    // Why redaction's own test, on the raw text: the customer is warned about exactly what the
    // transcript will not hold, and canonical text has lost what it reads ("pass: …", "name@example.com:…").
    // Why assign and not spread: copying the thirty slots into a new object cost more than reading most of them.
    const slots: Slots = Object.assign(extractSlots(words, codes, domains), { typedSecret: containsSecret(text) });
    const index = indexes.find((i) => slots.domains.some((d) => i.provider.provider.domains.includes(d))) ?? indexes[0];
    if (!index) throw new Error('createSearcher needs at least one provider');
    return decide(routes, query(text, words, slots, index, context), index);
  };
  const words = (text: string) => contentWords(canonical(text));
  const nearest = (text: string) => {
    const hit = indexes[0] && rankHits(indexes[0], words(text))[0];
    return hit ? { id: hit.entry.id, question: hit.entry.questions[0] ?? hit.entry.title } : null;
  };
  return { canonical, words, nearest, decide: decideText, search: (text, context) => decideText(text, context).result };
}

/** Something was just answered: a short message may be a fragment that leans on it ("user?"). */
function followsAnAnswer(context: SearchContext): boolean {
  return !!(context.attributes?.length || context.protocol || context.lastEntryId);
}

function vocabulary(kb: KnowledgeBase): string[] {
  // Titles and keywords, not whole questions: everyday words in questions would attract typos ("slow" → "show").
  const texts = kb.providers.flatMap((p) => [
    ...p.provider.domains,
    ...p.entries.flatMap((e) => [e.title, ...e.keywords]),
  ]);
  return [
    ...texts.flatMap((t) => t.toLowerCase().split(/[^a-z0-9]+/)),
    ...lexiconWords(),
    ...LEXICON.spellingVocabulary,
  ];
}

function buildIndex(provider: Provider, speller: SpellingCorrector): ProviderIndex {
  const texts = provider.entries.flatMap((entry) =>
    [...entry.questions, entry.title].map((q) => ({ entry, words: contentWords(canonicalise(q, speller)) })),
  );
  const idf = buildIdf(texts.map((q) => q.words));
  const questions = texts.map(({ entry, words }) => ({ entry, text: words.join(' '), words, bag: bagOf(words, idf) }));
  const postings = new Map<string, number[]>();
  questions.forEach((q, i) =>
    q.bag.stems.forEach((s) => {
      const list = postings.get(s);
      if (list) list.push(i);
      else postings.set(s, [i]);
    }),
  );
  const words = new Map<string, Fuse<string>>();
  const vocabulary = [...new Set(questions.flatMap((q) => q.words))];
  for (const letter of new Set(vocabulary.map((w) => w[0] ?? ''))) {
    const bucket = vocabulary.filter((w) => w.startsWith(letter));
    words.set(letter, new Fuse(bucket, { includeScore: true, threshold: FUZZY_WORD, minMatchCharLength: 3 }));
  }
  const codes = new Set(provider.entries.flatMap((e) => (e.kind === 'error' ? [e.code, ...e.alsoCodes] : [])));
  return {
    provider,
    questions,
    postings,
    bags: questions.map((q) => q.bag),
    words,
    fuzzyWords: new Map(),
    idf,
    codes,
  };
}

/** The question as the routes' conditions see it; the fuzzy matches are computed once, and only when asked for. */
function query(text: string, words: string, slots: Slots, index: ProviderIndex, context: SearchContext): Query {
  const content = contentWords(words);
  let shown: { screen?: ReturnType<typeof readChecked> } | undefined;
  // fuse.js is the costly stage: only for a question about email that no setting pins down (or a problem, or "why").
  const wanted = slots.explain || slots.symptom || slots.attributes.length === 0;
  return {
    text: text.slice(0, MAX_INPUT),
    words,
    slots,
    context,
    content,
    // Not for "what are the incoming settings": that asks for settings, which later routes give.
    walkthroughFaq: () => walkthroughFaq(index, content, context),
    hits: () => (EMAIL_WORDS.test(words) && wanted ? fuzzy(index, content) : []),
    settingsShown: () => (shown ??= { screen: readChecked(text, index.provider) }).screen,
  };
}

/** The first route whose conditions hold decides; a named answer that finds nothing passes to the next. */
function decide(routes: Route[], q: Query, index: ProviderIndex): Decision {
  for (const route of routes) {
    if (!routeApplies(route, q)) continue;
    const result = routeResult(route, q, index);
    if (result) return { route: route.name, result: route.givesSecret ? { ...result, givesSecret: true } : result };
  }
  return { route: 'none', result: { kind: 'none', reason: 'no-match', slots: q.slots, provider: index.provider } };
}

function routeResult(route: Route, q: Query, index: ProviderIndex): SearchResult | undefined {
  const to = route.to;
  if ('entry' in to) return answerEntry(index, to.entry, 1, q.slots);
  if ('none' in to) return { kind: 'none', reason: to.none, slots: q.slots, provider: index.provider };
  return ANSWER[to.answer](q, index);
}

/** The named answers of the routing table. */
const ANSWER: Record<AnswerName, (q: Query, index: ProviderIndex) => SearchResult | undefined> = {
  error: (q, index) => errorResult(index, q.words, q.slots),
  'walkthrough-faq': (q, index) => matched(index, q.walkthroughFaq(), q.slots),
  switch: (q, index) => switchResult(index, q.content, q.slots),
  'program-only': (q, index) => programOnlyResult(index, q.slots, q.context),
  'last-settings': (q, index) => lastSettings(q, index.provider),
  'settings-block': (q, index) => settings(q.slots, index.provider, blockProtocols(q.slots, q.context), []),
  compare: (q, index) => compareResult(index, q.content, q.slots),
  'failing-side': (q, index) => {
    const side = failingSideIn(q);
    return side && answerEntry(index, failingEntry(side), 1, q.slots);
  },
  'smtp-settings': (q, index) => settings(q.slots, index.provider, ['smtp'], []),
  'best-match': (q, index) => matched(index, q.hits()[0], q.slots),
  'named-protocols': (q, index) => settings(q.slots, index.provider, q.slots.protocols, []),
  'named-settings': (q, index) => settingsResult(q.slots, index.provider, q.context),
  'did-you-mean': (q, index) => didYouMean(q.hits(), q.slots, index.provider),
  'next-checks': (q, index) => nextChecks(q, index),
  'which-side': (q, index) => whichSide(q, index),
  'recommended-settings': (q, index) => settingsResult(q.slots, index.provider, { ...q.context, protocol: 'imap' }),
  'server-and-port': (q, index) =>
    settings(q.slots, index.provider, resolveProtocols(q.slots, q.context), ['host', 'port']),
  'explain-last': (q, index) => explainLast(q, index),
  'where-last': (q, index) => whereLast(q, index),
  'box-choice': (q, index) => boxChoice(q, index),
  'which-box': (q, index) => whichBox(q, index),
  'box-verdict': (q, index) => boxVerdict(q, index),
  'described-verdict': (q, index) => describedVerdict(q, index.provider),
  'confirm-last': (q, index) => confirmLast(q, index),
  'sign-in-details': (q, index) =>
    settings(q.slots, index.provider, resolveProtocols(q.slots, q.context), ['username', 'password']),
  'settings-check': (q, index) => checkResult(q, index),
  'check-form': (q, index) => ({
    kind: 'answer',
    target: { type: 'check-form' },
    confidence: 1,
    slots: q.slots,
    provider: index.provider,
  }),
  'out-of-scope-again': (q, index) =>
    q.context.lastNone && { kind: 'none', reason: q.context.lastNone, slots: q.slots, provider: index.provider },
};

/** Issue 15 (checker): the settings the message shows, checked, with the cause of the symptom it names first. */
function checkResult(q: Query, index: ProviderIndex): SearchResult | undefined {
  const screen = q.settingsShown();
  if (!screen) return undefined;
  const check = checkSettings(screen, index.provider, symptomOf(q, index));
  return { kind: 'answer', target: { type: 'check', check }, confidence: 1, slots: q.slots, provider: index.provider };
}

/** The entry of the problem a message names: a quoted error, a side that fails, or a sign-in refused. */
function symptomOf(q: Query, index: ProviderIndex): string | undefined {
  const { slots } = q;
  if (slots.errorCodes.length > 0) {
    const error = errorResult(index, q.words, slots);
    return error.kind === 'answer' && error.target.type === 'entry' ? error.target.entry.id : undefined;
  }
  if (slots.failing) return failingEntry(slots.failing);
  const signIn = saysWordList('signIn', q.words) || slots.attributes.some((a) => a === 'password' || a === 'username');
  return slots.symptom && signIn ? ENTRY_IDS.passwordRejected : undefined;
}

/**
 * "Y tho?" after an answer: the entry that gives its reason — the entry just answered (the IMAP
 * recommendation says why: it syncs), else the topic behind the settings just given.
 */
function explainLast(q: Query, index: ProviderIndex): SearchResult | undefined {
  const { lastEntryId, attributes = [], protocol } = q.context;
  const last = index.provider.entries.find((e) => e.id === lastEntryId);
  if (last && last.kind !== 'error') return answerEntry(index, last.id, 1, q.slots);
  if (attributes.some((a) => a === 'encryption' || a === 'port'))
    return answerEntry(index, ENTRY_IDS.whySsl, 1, q.slots);
  if (last || protocol === 'smtp') return answerEntry(index, ENTRY_IDS.smtpAuth, 1, q.slots);
  return protocol ? answerEntry(index, ENTRY_IDS.imapVsPop, 1, q.slots) : undefined;
}

/**
 * Issue 13 (context): "where do I find that in Outlook?" right after an answer about a box (SSL, SMTP
 * authentication, SPA: the entry, which says where it is) or a setting (the settings just given, again).
 */
function whereLast(q: Query, index: ProviderIndex): SearchResult | undefined {
  const { lastEntryId, protocol, protocols = [], attributes = [] } = q.context;
  if (lastEntryId !== undefined) {
    const last = index.provider.entries.find((e) => e.id === lastEntryId);
    return last && last.kind !== 'error' && last.mustBe ? answerEntry(index, last.id, 1, q.slots) : undefined;
  }
  if (attributes.length === 0 || (protocol === undefined && protocols.length === 0)) return undefined;
  return settings(q.slots, index.provider, resolveProtocols(q.slots, q.context), attributes);
}

/**
 * Issue 13 (verdicts): "so tick it or not?", "on or off then?" after an answer about a box: the option that
 * is right for that box — the entry just answered when it says what its box must be (SPA, SSL, SMTP
 * authentication), else SSL or authentication just given as settings; nothing otherwise.
 */
function boxChoice(q: Query, index: ProviderIndex): SearchResult | undefined {
  const slots: Slots = { ...q.slots, switchAsked: 'choice', form: 'choice' };
  const last = index.provider.entries.find((e) => e.id === q.context.lastEntryId);
  if (last && last.kind !== 'error' && last.mustBe) return answerEntry(index, last.id, 1, slots);
  const boxes = (q.context.attributes ?? []).filter((a) => a === 'encryption' || a === 'authentication');
  if (boxes.length === 0) return undefined;
  return settings({ ...slots, attributes: boxes }, index.provider, resolveProtocols(q.slots, q.context), boxes);
}

/**
 * Issue 13 (talk): "and for outgoing?", "same for smtp?" after a yes or no about a box (SSL, SMTP authentication,
 * SPA): the same yes or no for the side now named, with that side's setting (SPA's answer is every side's).
 */
function boxVerdict(q: Query, index: ProviderIndex): SearchResult | undefined {
  const { lastVerdict } = q.context;
  const boxes = lastBoxes(q.context);
  if (!lastVerdict || boxes.length === 0) return undefined;
  const slots: Slots = { ...q.slots, form: 'yesno', keptVerdict: lastVerdict };
  if (boxes.includes('spa')) return answerEntry(index, ENTRY_IDS.spa, 1, slots);
  const attributes = boxes.flatMap((b): Attribute[] => (b === 'spa' ? [] : [b]));
  const protocols = resolveProtocols(q.slots, { ...q.context, protocols: undefined });
  // Issue 13 (side switch): the side now named wants its key lines too, after a box's entry (which named no side) as well.
  const named = protocols.length > 0 ? protocols : unionDefaults(attributes, q.slots.incoming);
  const other = q.context.lastEntryId !== undefined || switchesSide(q.context, named);
  return settings({ ...slots, attributes }, index.provider, protocols, other ? withSideKeys(attributes) : attributes);
}

/** Issue 13 (talk): "which box?" with no box just answered: the boxes the knowledge says what to do with, as choices. */
function whichBox(q: Query, index: ProviderIndex): SearchResult {
  const ids: string[] = [ENTRY_IDS.whySsl, ENTRY_IDS.smtpAuth, ENTRY_IDS.spa];
  const candidates = ids.flatMap((id) => index.provider.entries.filter((e) => e.id === id));
  return { kind: 'ambiguous', candidates, slots: q.slots, provider: index.provider };
}

/** The side that fails; "can't connect to the server" right after a sending answer is sending. */
function failingSideIn(q: Query): Slots['failing'] {
  const { protocol, lastEntryId } = q.context;
  const afterSending = protocol === 'smtp' || lastEntryId === ENTRY_IDS.cannotSend;
  return q.slots.failingByConnect && afterSending ? 'smtp' : q.slots.failing;
}

/**
 * "It still doesn't work" after an answer: the checks for the side of mail just talked about;
 * once those were given (or no side is known), a person.
 */
function nextChecks(q: Query, index: ProviderIndex): SearchResult {
  const { protocol, protocols = [], lastEntryId } = q.context;
  const sending = lastEntryId === ENTRY_IDS.cannotSend || (lastEntryId === undefined && protocol === 'smtp');
  // Why `protocols` too: after both incoming servers no single protocol is remembered.
  const incoming = protocol === 'imap' || protocol === 'pop3' || (protocols.length > 0 && !protocols.includes('smtp'));
  const receiving = lastEntryId === ENTRY_IDS.cannotReceive || (lastEntryId === undefined && incoming);
  const checks = sending ? ENTRY_IDS.cannotSend : receiving ? ENTRY_IDS.cannotReceive : undefined;
  if (!checks || checks === lastEntryId)
    return { kind: 'none', reason: 'still-failing', slots: q.slots, provider: index.provider };
  return answerEntry(index, checks, 1, q.slots);
}

/**
 * "It still doesn't work" with nothing answered yet, or a failure told as a story with nothing named (route
 * vague-failure): sending or receiving? Each side's checks as choices, with the settings check and a person.
 */
function whichSide(q: Query, index: ProviderIndex): SearchResult {
  const ids: string[] = [ENTRY_IDS.cannotSend, ENTRY_IDS.cannotReceive];
  const candidates = index.provider.entries.filter((e) => ids.includes(e.id));
  return { kind: 'ambiguous', candidates, slots: q.slots, provider: index.provider, ask: 'which-side' };
}

function matched(index: ProviderIndex, hit: Hit | undefined, slots: Slots): SearchResult | undefined {
  return hit && answerEntry(index, hit.entry.id, hit.score, slots);
}

/**
 * Issue 13 (verdicts across messages): "is that right?" after "outlook has smtp.btinternet.com in the outgoing box": a yes
 * or no on the values described, for the settings and protocols the last answer gave.
 */
function describedVerdict(q: Query, provider: Provider): SearchResult | undefined {
  const protocols = q.context.protocols ?? (q.context.protocol ? [q.context.protocol] : []);
  const attributes = q.context.attributes ?? [];
  // With nothing described, "is that right?" after a port or server answered asks about the values just given.
  const described =
    q.context.lastDescribed ?? (q.context.lastEntryId ? undefined : given(protocols, attributes, provider));
  if (!described || protocols.length === 0) return undefined;
  return settings({ ...q.slots, form: 'yesno', proposed: described }, provider, protocols, attributes);
}

/**
 * Issue 13 (confirm): "is that right?", "are you sure?" right after an entry's answer (SPA, SMTP authentication, why
 * SSL): that entry again, as a yes with its point (its first sentence); not after an error's answer (the routes
 * after answer that). After settings named without a port or server (folders, authentication): those, as a yes.
 */
function confirmLast(q: Query, index: ProviderIndex): SearchResult | undefined {
  const last = index.provider.entries.find((e) => e.id === q.context.lastEntryId);
  const slots: Slots = { ...q.slots, confirmsLast: true, form: 'open' };
  if (!last) {
    // Settings named without a port or server (those are given-value-verdict's): the same settings, as a yes.
    const attributes = q.context.attributes ?? [];
    if (q.context.lastEntryId !== undefined || attributes.length === 0) return undefined;
    return settings(slots, index.provider, resolveProtocols(q.slots, q.context), attributes);
  }
  return last.kind === 'error' ? undefined : answerEntry(index, last.id, 1, slots);
}

/** The ports and servers a settings answer gave, as if proposed, or undefined when it gave neither. */
function given(protocols: Protocol[], attributes: Attribute[], provider: Provider): Slots['proposed'] | undefined {
  const list = protocols.map((p) => provider.servers[p]);
  const ports = attributes.includes('port') ? [...new Set(list.map((s) => s.port))] : [];
  const hosts = attributes.includes('host') ? [...new Set(list.map((s) => s.host))] : [];
  return ports.length + hosts.length > 0 ? { ports, hosts, encryption: [], auth: [] } : undefined;
}

/** "And for POP?": the last question's settings, for the protocol now named. */
function lastSettings(q: Query, provider: Provider): SearchResult | undefined {
  const followUp = followUpProtocols(q);
  const protocols = followUp ?? correctedProtocols(q);
  if (!protocols) return undefined;
  const carried = q.context.attributes ?? [];
  if (!followUp || !switchesSide(q.context, followUp)) return settings(keptForm(q), provider, protocols, carried);
  return settings({ ...keptForm(q), carried: [...carried] }, provider, protocols, withSideKeys(carried));
}

const isOutgoing = (p: Protocol): boolean => p === 'smtp';

/** Issue 13 (side switch): the protocols now named are all on the other side of mail from the last answer's. */
function switchesSide(context: SearchContext, protocols: Protocol[]): boolean {
  const last = context.protocols?.length ? context.protocols : context.protocol ? [context.protocol] : [];
  if (last.length === 0 || protocols.length === 0) return false;
  const lastOutgoing = last.every(isOutgoing);
  if (!lastOutgoing && last.some(isOutgoing)) return false;
  return protocols.every((p) => isOutgoing(p) !== lastOutgoing);
}

/** A side's key lines — its server, and its port with the encryption — kept in the wake of the setting carried. */
const SIDE_KEYS: readonly Attribute[] = ['host', 'port'];

/**
 * Issue 13 (side switch): "what about sending?" after one setting of the other side wants that side set up:
 * the setting carried first, then the server and the port with its encryption. A server alone already brings
 * its port and encryption; an encryption line already names the port.
 */
function withSideKeys(carried: readonly Attribute[]): Attribute[] {
  if (carried.length === 1 && carried[0] === 'host') return [...carried];
  const keys = SIDE_KEYS.filter((a) => !(a === 'port' && carried.includes('encryption')));
  return [...new Set([...carried, ...keys])];
}

/**
 * Issue 13 (context): "and outgoing" after "do I need SSL for incoming?" keeps the yes/no form and
 * what it proposed, so its answer opens with the verdict too; a follow-up with a form of its own keeps it.
 */
function keptForm(q: Query): Slots {
  const last = q.context.lastYesNo;
  const own = q.slots.proposed;
  const proposes = own.ports.length + own.hosts.length + own.encryption.length + own.auth.length > 0;
  if (!last || q.slots.form !== 'open' || proposes) return q.slots;
  return { ...q.slots, form: 'yesno', proposed: last };
}

/** Moving from POP to IMAP: a specific question about it (old mail, the old account) comes first. */
function switchResult(index: ProviderIndex, content: string[], slots: Slots): SearchResult {
  if (slots.howTo) return answerEntry(index, ENTRY_IDS.popToImap, 1, slots);
  // A bare request ("pop to imap", "switch to imap") is the walkthrough; a FAQ needs words of its own.
  const own = content.filter((w) => !(w in PROTOCOL_WORDS) && !SWITCH.test(w) && !EMAIL_WORDS.test(w));
  const asking = slots.form === 'yesno' || slots.explain || slots.compare || slots.asksQuestion;
  const faq = own.length > 0 ? bestFaq(index, content, asking ? WEAK : STRONG) : undefined;
  if (faq && usesAnyOf(index, faq.entry, own)) return answerEntry(index, faq.entry.id, faq.score, slots);
  if (slots.compare && !slots.howTo) return compareResult(index, content, slots);
  return answerEntry(index, ENTRY_IDS.popToImap, 1, slots);
}

/**
 * Whether one of the entry's questions uses one of `words`: why, a FAQ about moving to IMAP must
 * match on what the customer asks besides the move ("lose", "old", "secure"), not on "pop account".
 */
function usesAnyOf(index: ProviderIndex, entry: Entry, words: string[]): boolean {
  const stems = words.map(stem);
  return index.questions.some((q) => q.entry === entry && stems.some((s) => q.bag.stems.has(s)));
}

/** Words of choosing between the protocols that ask nothing of their own ("POP or IMAP - which one?"). */
const CHOOSING = new RegExp(`^(?:${wordListPattern(LEXICON.words.choosing).source})$`);

/** Which protocol is better: a specific FAQ (security, say) when one fits, else IMAP vs POP. */
function compareResult(index: ProviderIndex, content: string[], slots: Slots): SearchResult {
  // "IMAP or POP?" alone is the comparison: a FAQ (security, say) needs words of its own ("which one?" is none).
  const own = content.some((w) => !(w in PROTOCOL_WORDS) && !CHOOSING.test(w));
  const faq = own ? bestFaq(index, content) : undefined;
  if (faq) return answerEntry(index, faq.entry.id, faq.score, slots);
  return answerEntry(index, ENTRY_IDS.imapVsPop, 1, slots);
}

/**
 * Inside a walkthrough, the best of its own questions (its `faqs`) that matches loosely on words
 * of the question's own: why own words, "and for outgoing mail?" shares only "mail" with "will I
 * lose mail kept on my computer?"; why its own list, a FAQ added elsewhere must not pull
 * walkthrough replies away.
 */
function walkthroughFaq(index: ProviderIndex, content: string[], context: SearchContext): Hit | undefined {
  const own = index.provider.walkthroughs.find((w) => w.id === context.walkthrough)?.faqs ?? [];
  const words = content.filter((w) => !EMAIL_WORDS.test(w));
  if (own.length === 0 || words.length === 0) return undefined;
  return fuzzy(index, words).find((h) => own.includes(h.entry.id) && h.score >= WEAK);
}

/** The best-matching FAQ (a narrow question, e.g. about mail POP already downloaded), if it matches well. */
function bestFaq(index: ProviderIndex, content: string[], threshold = STRONG): Hit | undefined {
  return fuzzy(index, content).find((h) => h.entry.kind === 'faq' && h.score >= threshold);
}

/** "It's Thunderbird": the error just explained, else the settings block, for that program. */
function programOnlyResult(index: ProviderIndex, slots: Slots, context: SearchContext): SearchResult {
  const last = index.provider.entries.find((e) => e.id === context.lastEntryId);
  if (last?.kind === 'error') return answerEntry(index, last.id, 1, slots);
  const sending = context.lastEntryId === ENTRY_IDS.cannotSend || context.protocol === 'smtp';
  return settings(slots, index.provider, sending ? ['smtp'] : [context.protocol ?? 'imap'], []);
}

/** The protocols a block shows; with none named, the recommended IMAP (plus SMTP). */
function blockProtocols(slots: Slots, context: SearchContext): Protocol[] {
  if (slots.protocols.some((p) => p !== 'smtp')) return slots.protocols;
  if (slots.incoming)
    return [
      ...slots.protocols,
      ...(context.protocol && context.protocol !== 'smtp' ? [context.protocol] : (['imap', 'pop3'] as Protocol[])),
    ];
  if (slots.protocols.length > 0) return slots.protocols;
  return [context.protocol ?? 'imap'];
}

function answerEntry(index: ProviderIndex, id: string, confidence: number, slots: Slots): SearchResult {
  const entry = index.provider.entries.find((e) => e.id === id);
  if (!entry) return { kind: 'none', reason: 'no-match', slots, provider: index.provider };
  return { kind: 'answer', target: { type: 'entry', entry }, confidence, slots, provider: index.provider };
}

function errorResult(index: ProviderIndex, words: string, slots: Slots): SearchResult {
  const errors = index.provider.entries.filter((e): e is Extract<Entry, { kind: 'error' }> => e.kind === 'error');
  const matching = errors.filter((e) => slots.errorCodes.some((c) => c === e.code || e.alsoCodes.includes(c)));
  const variant = matching.find((e) => e.variant && words.includes(e.variant)) ?? matching.find((e) => !e.variant);
  if (variant) return answerEntry(index, variant.id, 1, slots);
  const receiving = slots.incoming || slots.protocols.some((p) => p !== 'smtp');
  const side = slots.failing ?? (receiving && !slots.protocols.includes('smtp') ? 'incoming' : 'smtp');
  return answerEntry(index, failingEntry(side), 0.5, slots);
}

/** The entry about mail that will not go out, or will not come in. */
function failingEntry(side: NonNullable<Slots['failing']>): string {
  return side === 'smtp' ? ENTRY_IDS.cannotSend : ENTRY_IDS.cannotReceive;
}

/**
 * Each query word is looked up by stem; a word the questions never use is matched fuzzily
 * against their vocabulary with fuse.js. Candidates are then scored by weighted word overlap.
 */
function fuzzy(index: ProviderIndex, content: string[]): Hit[] {
  // Why a one-entry memo: the rules may ask twice about one question (a FAQ, then the best hit).
  const key = content.join(' ');
  if (index.memo?.key === key) return index.memo.hits;
  const hits = rankHits(index, content);
  index.memo = { key, hits };
  return hits;
}

function rankHits(index: ProviderIndex, content: string[]): Hit[] {
  const query = [...new Set(content)].slice(0, MAX_QUERY_WORDS).map((w) => matchWord(index, w));
  const scores = overlaps(bagOf(query, index.idf), index.postings, index.bags, index.idf);
  const best = new Map<string, Hit>();
  for (const [i, score] of scores) {
    const q = index.questions[i];
    if (!q) continue;
    const seen = best.get(q.entry.id);
    if (!seen || score > seen.score) best.set(q.entry.id, { entry: q.entry, score });
  }
  return [...best.values()].sort((a, b) => b.score - a.score);
}

/** Fuzzy word matches remembered at most per index; the cache starts again when full (as the spelling corrector's). */
const MAX_CACHED_WORDS = 10_000;

function matchWord(index: ProviderIndex, word: string): string {
  if (index.postings.has(stem(word)) || word.length < 4 || /\d/.test(word)) return word;
  // Why a cache: fuse.js is the costliest step of a search, and customers use the same words again and again.
  const known = index.fuzzyWords.get(word);
  if (known !== undefined) return known;
  const found = index.words.get(word[0] ?? '')?.search(word, { limit: 1 })[0]?.item ?? word;
  if (index.fuzzyWords.size >= MAX_CACHED_WORDS) index.fuzzyWords.clear();
  index.fuzzyWords.set(word, found);
  return found;
}

/** A weak match: "Did you mean" with the top hits within 0.1 of the best (the best is always one). */
function didYouMean(hits: Hit[], slots: Slots, provider: Provider): SearchResult {
  const close = hits.filter((h) => (hits[0]?.score ?? 0) - h.score < 0.1).slice(0, 3);
  return { kind: 'ambiguous', candidates: close.map((h) => h.entry), slots, provider };
}

/** Attributes that only IMAP or POP3 has, and the protocols each attribute defaults to. */
const DEFAULT_PROTOCOLS: Record<Attribute, Protocol[]> = {
  host: ['imap', 'pop3', 'smtp'],
  port: ['imap', 'pop3', 'smtp'],
  encryption: ['imap', 'pop3', 'smtp'],
  authentication: ['smtp'],
  username: ['imap', 'pop3', 'smtp'],
  password: ['imap', 'pop3', 'smtp'],
  folders: ['imap'],
  separator: ['imap'],
  rootfolder: ['imap'],
  popfolder: ['pop3'],
};

function settingsResult(slots: Slots, provider: Provider, context: SearchContext): SearchResult {
  let attributes =
    slots.attributes.length > 1 && slots.weakHost ? slots.attributes.filter((a) => a !== 'host') : slots.attributes;
  const protocols = resolveProtocols(slots, context);
  if (protocols.includes('pop3') && !protocols.includes('imap') && attributes.includes('folders')) {
    // Issue 13 (context): "and the sent folder?" after POP (not named now) may mean the folders BT
    // recommends, which are IMAP's: POP's one folder, then those (the line names them as IMAP's).
    const popFromContext = slots.protocols.length === 0 && !slots.incoming;
    const asked: Attribute[] = popFromContext ? ['popfolder', 'folders'] : ['popfolder'];
    attributes = [...new Set(attributes.flatMap((a) => (a === 'folders' ? asked : [a])))];
  }
  if (protocols.length === 0 && slots.incoming && attributes.includes('port')) {
    return { kind: 'clarify', attributes, options: ['imap', 'pop3'], slots, provider };
  }
  return settings(slots, provider, protocols, attributes);
}

function resolveProtocols(slots: Slots, context: SearchContext): Protocol[] {
  const explicit = [...slots.protocols];
  // "Is it 993 or 995?" mid-walkthrough or after IMAP was answered: the ports name both, the conversation says which.
  const current = context.protocol;
  if (slots.protocolsFromValues && current && explicit.length > 1 && explicit.includes(current)) return [current];
  const incoming = explicit.filter((p) => p !== 'smtp');
  // "incoming and outgoing": SMTP is named, so incoming means the walkthrough's protocol, or both.
  if (slots.incoming && incoming.length === 0 && explicit.length > 0)
    explicit.unshift(
      ...(context.protocol && context.protocol !== 'smtp' ? [context.protocol] : (['imap', 'pop3'] as Protocol[])),
    );
  else if (slots.incoming && incoming.length === 0 && context.protocol && context.protocol !== 'smtp')
    explicit.push(context.protocol);
  // "And the port?" after the incoming server (IMAP and POP3): both, as the last answer gave.
  if (explicit.length === 0 && !slots.incoming && (context.protocols?.length ?? 0) > 1)
    explicit.push(...(context.protocols ?? []));
  else if (explicit.length === 0 && !slots.incoming && context.protocol) explicit.push(context.protocol);
  return explicit;
}

function settings(slots: Slots, provider: Provider, protocols: Protocol[], attributes: Attribute[]): SearchResult {
  const chosen = protocols.length > 0 ? protocols : unionDefaults(attributes, slots.incoming);
  return {
    kind: 'answer',
    target: { type: 'settings', protocols: chosen, attributes },
    confidence: 1,
    slots,
    provider,
  };
}

function unionDefaults(attributes: Attribute[], incoming: boolean): Protocol[] {
  const all = new Set(attributes.flatMap((a) => DEFAULT_PROTOCOLS[a]));
  if (incoming) all.delete('smtp');
  if (incoming && all.size === 0) ['imap', 'pop3'].forEach((p) => all.add(p as Protocol));
  return (['imap', 'pop3', 'smtp'] as const).filter((p) => all.has(p));
}
