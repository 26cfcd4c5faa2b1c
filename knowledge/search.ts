/** The knowledge search: canonical words → slots → rules, then fuse.js-backed matching → a closed result. */
import Fuse from 'fuse.js';
import {
  ACCOUNT_MATTERS,
  EMAIL_WORDS,
  LEXICON,
  NOT_COVERED,
  SERVICE_STATUS,
  OTHER_PRODUCTS,
  OTHER_PROVIDERS,
  PROTOCOL_WORDS,
  SWITCH,
  type Attribute,
} from './lexicon';
import type { KnowledgeBase, Provider } from './load';
import { canonicalise, lexiconWords } from './pipeline';
import type { Entry, Protocol } from './schema';
import { extractSlots, type Slots } from './slots';
import { buildIdf, contentWords, overlap, stem, type Idf } from './rank';
import { createSpellingCorrector, type SpellingCorrector } from './spelling';
import { containsSecret } from '../transcripts/redact';

/** What an answer is about: a knowledge entry, or rows of the settings table. */
export type Target =
  { type: 'entry'; entry: Entry } | { type: 'settings'; protocols: Protocol[]; attributes: Attribute[] };

/** Why nothing was found. */
export type NoneReason =
  'empty' | 'other-provider' | 'other-product' | 'account' | 'not-covered' | 'service-status' | 'no-match';

/** The outcome of one search. */
export type SearchResult =
  | { kind: 'answer'; target: Target; confidence: number; slots: Slots; provider: Provider }
  | { kind: 'clarify'; attributes: Attribute[]; options: Protocol[]; slots: Slots; provider: Provider }
  | { kind: 'ambiguous'; candidates: Entry[]; slots: Slots; provider: Provider }
  | { kind: 'none'; reason: NoneReason; slots: Slots; provider: Provider };

/** What the conversation already knows, e.g. the protocol of a walkthrough under way. */
export interface SearchContext {
  protocol?: Protocol;
  /** The settings the last question asked about, for "and for POP?". */
  attributes?: Attribute[];
  /** The entry last answered, for "it's Thunderbird" after an error. */
  lastEntryId?: string;
  /** The walkthrough under way: its own FAQs ("will I lose my mail?") come first. */
  walkthrough?: 'pop-to-imap';
}

/** A ready-to-use search over a knowledge base. */
export interface Searcher {
  search(text: string, context?: SearchContext): SearchResult;
  canonical(text: string): string;
}

interface Hit {
  entry: Entry;
  score: number;
}

interface IndexedQuestion {
  entry: Entry;
  text: string;
  words: string[];
}

interface ProviderIndex {
  provider: Provider;
  questions: IndexedQuestion[];
  /** Question numbers by word stem: exact words find their questions without fuzzy matching. */
  postings: Map<string, number[]>;
  /** fuse.js over the questions' own words by first letter, for words a customer spells differently. */
  words: Map<string, Fuse<string>>;
  idf: Idf;
  codes: Set<string>;
  memo?: { key: string; hits: Hit[] };
}

/** Overlap at or above STRONG is a confident match; from WEAK up it is a "did you mean". */
const STRONG = 0.5;
const WEAK = 0.3;
const MAX_QUERY_WORDS = 16;
/** How different a customer's word may be from a question word (fuse.js score). */
const FUZZY_WORD = 0.25;

/** Builds the search indexes for every provider of a knowledge base. */
export function createSearcher(kb: KnowledgeBase): Searcher {
  const speller = createSpellingCorrector(vocabulary(kb));
  const indexes = kb.providers.map((p) => buildIndex(p, speller));
  const domains = kb.providers.flatMap((p) => p.provider.domains);
  const canonical = (text: string) => canonicalise(text, speller);
  return {
    canonical,
    search(text, context = {}) {
      const words = canonical(text);
      const codes = new Set(indexes.flatMap((i) => [...i.codes]));
      // Why redaction's own test, on the raw text: the customer is warned about exactly what the
      // transcript will not hold, and canonical text has lost what it reads ("pass: …", "name@example.com:…").
      const slots: Slots = { ...extractSlots(words, codes, domains), typedSecret: containsSecret(text) };
      const index =
        indexes.find((i) => slots.domains.some((d) => i.provider.provider.domains.includes(d))) ?? indexes[0];
      if (!index) throw new Error('createSearcher needs at least one provider');
      return decide(words, slots, index, context);
    },
  };
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
  const questions = provider.entries.flatMap((entry) =>
    [...entry.questions, entry.title].map((q) => {
      const words = contentWords(canonicalise(q, speller));
      return { entry, text: words.join(' '), words };
    }),
  );
  const postings = new Map<string, number[]>();
  questions.forEach((q, i) =>
    new Set(q.words.map(stem)).forEach((s) => postings.set(s, [...(postings.get(s) ?? []), i])),
  );
  const words = new Map<string, Fuse<string>>();
  const vocabulary = [...new Set(questions.flatMap((q) => q.words))];
  for (const letter of new Set(vocabulary.map((w) => w[0] ?? ''))) {
    const bucket = vocabulary.filter((w) => w.startsWith(letter));
    words.set(letter, new Fuse(bucket, { includeScore: true, threshold: FUZZY_WORD, minMatchCharLength: 3 }));
  }
  const codes = new Set(provider.entries.flatMap((e) => (e.kind === 'error' ? [e.code, ...e.alsoCodes] : [])));
  return { provider, questions, postings, words, idf: buildIdf(questions.map((q) => q.words)), codes };
}

function decide(words: string, slots: Slots, index: ProviderIndex, context: SearchContext): SearchResult {
  const provider = index.provider;
  const none = (reason: NoneReason): SearchResult => ({ kind: 'none', reason, slots, provider });
  const entry = (id: string, confidence = 1): SearchResult => answerEntry(index, id, confidence, slots);
  if (!/[a-z0-9]/.test(words)) return none('empty');
  const scope = outOfScope(words, slots);
  if (scope) return none(scope);
  if (slots.spa) return entry('spa');
  if (slots.errorCodes.length > 0 || slots.unknownError) return errorResult(index, words, slots);
  const content = contentWords(words);
  // Not for "what are the incoming settings": that asks for settings, which the rules below give.
  const walkthroughFaq =
    context.walkthrough && slots.attributes.length === 0 && !slots.wholeBlock
      ? bestFaq(index, content, WEAK)
      : undefined;
  if (walkthroughFaq) return answerEntry(index, walkthroughFaq.entry.id, walkthroughFaq.score, slots);
  // "The server type" names no setting: "can I just change the server type to IMAP?" is about switching.
  const typeWords = /\b(server|account|mail|incoming) type\b/.test(words);
  const namesNone = slots.attributes.every((a) => a === 'host' && typeWords);
  if (slots.switchToImap && namesNone) return switchResult(index, content, slots);
  if (switchesFromPop(words, slots, context)) return switchResult(index, content, slots);
  if (slots.whichProtocol) return entry('which-protocol');
  // A program asking for the "server type" or "account type" is asking IMAP or POP: the comparison says which.
  const asksType = typeWords && slots.protocols.length === 0;
  if (asksType && !slots.wholeBlock && slots.attributes.every((a) => a === 'host')) return entry('imap-vs-pop');
  if (slots.programOnly) return programOnlyResult(index, slots, context);
  // A sign-in failing ("the user name or password … is incorrect") beats a list of the settings it names.
  if (slots.symptom && slots.attributes.some((a) => a === 'password' || a === 'username'))
    return entry('password-rejected');
  const followUp = followUpResult(slots, provider, context);
  if (followUp) return followUp;
  if (wantsBlock(slots)) return settings(slots, provider, blockProtocols(slots, context), []);
  const namingFolders = slots.attributes.includes('folders') && /\b(called|named|name|names)\b/.test(words);
  const onlyFolders = slots.attributes.every((a) => a === 'folders' || (a === 'host' && slots.weakHost));
  if (slots.syncSymptom && !namingFolders && onlyFolders) return entry('imap-vs-pop');
  const aboutProtocols = slots.protocols.some((p) => p !== 'smtp') || /\b(protocol|webmail|sync)\b/.test(words);
  const bothProtocols = slots.protocols.includes('imap') && slots.protocols.includes('pop3') && !hasProposed(slots);
  if (slots.compare && !slots.howTo && (slots.attributes.length === 0 || bothProtocols) && aboutProtocols)
    return compareResult(index, content, slots);
  // "My password is … and it doesn't work": the password told is not asked about, but it is the trouble.
  if (slots.symptom && slots.typedSecret) return entry('password-rejected');
  const noneNamed = slots.attributes.every((a) => a === 'host' && slots.weakHost);
  if (slots.failing && noneNamed) return entry(failingEntry(slots.failing));
  const protocolExplained = explainedProtocol(content, slots);
  if (protocolExplained)
    return protocolExplained === 'smtp' ? settings(slots, provider, ['smtp'], []) : entry('imap-vs-pop');
  // fuse.js is the costly stage: run it only when the rules above have not decided.
  const wanted = slots.explain || slots.symptom || slots.attributes.length === 0;
  const hits = EMAIL_WORDS.test(words) && wanted ? fuzzy(index, content) : [];
  const best = hits[0];
  if (best && slots.explain && best.score >= WEAK && best.entry.kind === 'topic')
    return entry(best.entry.id, best.score);
  if (best && slots.symptom && best.score >= STRONG) return entry(best.entry.id, best.score);
  if (content.length > 0 && content.every((w) => w in PROTOCOL_WORDS))
    return settings(slots, provider, slots.protocols, []);
  if (slots.attributes.length > 0) return settingsResult(slots, provider, context);
  if (best && best.score >= STRONG)
    return { kind: 'answer', target: { type: 'entry', entry: best.entry }, confidence: best.score, slots, provider };
  if (slots.protocols.length > 0) return settings(slots, provider, slots.protocols, []);
  if (best && best.score >= WEAK) return didYouMean(hits, slots, provider);
  return none('no-match');
}

function hasProposed(slots: Slots): boolean {
  const p = slots.proposed;
  return p.ports.length + p.hosts.length + p.encryption.length + p.auth.length > 0;
}

/** Words that only ask for an explanation ("what does smtp mean", "explain imap"). */
const EXPLAINING = new Set([
  'why',
  'mean',
  'means',
  'meaning',
  'explain',
  'explanation',
  'purpose',
  'stand',
  'stands',
  'for',
]);

/** The one protocol a request to explain names and nothing else: SMTP is the outgoing settings; IMAP or POP the comparison. */
function explainedProtocol(content: string[], slots: Slots): Protocol | undefined {
  if (!slots.explain || slots.attributes.length > 0 || slots.protocols.length !== 1) return undefined;
  const onlyProtocol = content.every((w) => w in PROTOCOL_WORDS || EXPLAINING.has(w));
  return onlyProtocol ? slots.protocols[0] : undefined;
}

/** "How do I switch?" right after POP came up (its settings, or which protocol to use): from POP to IMAP. */
function switchesFromPop(words: string, slots: Slots, context: SearchContext): boolean {
  const popJustCameUp =
    context.protocol === 'pop3' || context.lastEntryId === 'imap-vs-pop' || context.lastEntryId === 'which-protocol';
  return popJustCameUp && slots.protocols.length === 0 && slots.attributes.length === 0 && SWITCH.test(words);
}

/** Moving from POP to IMAP: a specific question about it (old mail, the old account) comes first. */
function switchResult(index: ProviderIndex, content: string[], slots: Slots): SearchResult {
  if (slots.howTo) return answerEntry(index, 'pop-to-imap', 1, slots);
  // A bare request ("pop to imap", "switch to imap") is the walkthrough; a FAQ needs words of its own.
  const own = content.filter((w) => !(w in PROTOCOL_WORDS) && !SWITCH.test(w));
  const asking = slots.form === 'yesno' || slots.explain || slots.compare || slots.asksQuestion;
  const faq = own.length > 0 ? bestFaq(index, content, asking ? WEAK : STRONG) : undefined;
  if (faq) return answerEntry(index, faq.entry.id, faq.score, slots);
  if (slots.compare && !slots.howTo) return compareResult(index, content, slots);
  return answerEntry(index, 'pop-to-imap', 1, slots);
}

/** Which protocol is better: a specific FAQ (security, say) when one fits, else IMAP vs POP. */
function compareResult(index: ProviderIndex, content: string[], slots: Slots): SearchResult {
  const faq = bestFaq(index, content);
  if (faq) return answerEntry(index, faq.entry.id, faq.score, slots);
  return answerEntry(index, 'imap-vs-pop', 1, slots);
}

/** The best-matching FAQ (a narrow question, e.g. about mail POP already downloaded), if it matches well. */
function bestFaq(index: ProviderIndex, content: string[], threshold = STRONG): Hit | undefined {
  return fuzzy(index, content).find((h) => h.entry.kind === 'faq' && h.score >= threshold);
}

/** "It's Thunderbird": the error just explained, else the settings block, for that program. */
function programOnlyResult(index: ProviderIndex, slots: Slots, context: SearchContext): SearchResult {
  const last = index.provider.entries.find((e) => e.id === context.lastEntryId);
  if (last?.kind === 'error') return answerEntry(index, last.id, 1, slots);
  const sending = context.lastEntryId === 'cannot-send' || context.protocol === 'smtp';
  return settings(slots, index.provider, sending ? ['smtp'] : [context.protocol ?? 'imap'], []);
}

/** "And for POP?": the last question's settings, for the protocol now named. */
function followUpResult(slots: Slots, provider: Provider, context: SearchContext): SearchResult | undefined {
  // "And incoming?" names no protocol: the incoming one just talked about, else both.
  const lastIncoming = context.protocol === 'imap' || context.protocol === 'pop3' ? [context.protocol] : undefined;
  const incoming: Protocol[] = slots.incoming ? (lastIncoming ?? ['imap', 'pop3']) : [];
  const protocols = slots.protocols.length > 0 ? slots.protocols : incoming;
  const reuse = slots.followUp && slots.attributes.length === 0 && protocols.length > 0 && context.attributes?.length;
  if (!reuse || slots.explain || slots.compare) return undefined;
  return settings(slots, provider, protocols, context.attributes ?? []);
}

/** A request for a whole block: "imap settings", "all the server details", or three settings at once. */
function wantsBlock(slots: Slots): boolean {
  const named = slots.attributes.filter((a) => a !== 'host' || !slots.weakHost);
  if (slots.attributes.length >= 3) return true;
  if (slots.whatToSet && named.length === 0) return true;
  if (!slots.wholeBlock) return false;
  return named.length === 0 || (slots.wholeBlockStrong && slots.attributes.length >= 2);
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

function outOfScope(words: string, slots: Slots): NoneReason | undefined {
  if (ACCOUNT_MATTERS.some((re) => re.test(words))) return 'account';
  if (SERVICE_STATUS.test(words)) return 'service-status';
  // An error code comes first: "554 5.7.1 spam" is a refused message, not a question about spam filters.
  if (NOT_COVERED.test(words) && slots.protocols.length === 0 && slots.errorCodes.length === 0) return 'not-covered';
  const ours = slots.domains.length > 0 || /\bbt\b/.test(words);
  const otherProvider = OTHER_PROVIDERS.test(words.replace(/\bgmail (app|application|on android)\b/g, ' '));
  if (otherProvider && !ours) return 'other-provider';
  // An address at a domain no provider here covers (e.g. btclick.com) is not ours to answer for.
  const foreignAddress = slots.foreignDomains.length > 0 && !slots.symptom && slots.errorCodes.length === 0;
  if (foreignAddress) return 'other-provider';
  const aboutEmail = /\b(email|mail|smtp|imap|pop3|incoming|webmail|outlook|thunderbird)\b/.test(words);
  if (OTHER_PRODUCTS.test(words) && !aboutEmail) return 'other-product';
  return undefined;
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
  return side === 'smtp' ? 'cannot-send' : 'cannot-receive';
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
  const candidates = new Set(query.flatMap((w) => index.postings.get(stem(w)) ?? []));
  const best = new Map<string, Hit>();
  for (const i of candidates) {
    const q = index.questions[i];
    if (!q) continue;
    const score = overlap(query, q.words, index.idf);
    const seen = best.get(q.entry.id);
    if (!seen || score > seen.score) best.set(q.entry.id, { entry: q.entry, score });
  }
  return [...best.values()].sort((a, b) => b.score - a.score);
}

function matchWord(index: ProviderIndex, word: string): string {
  if (index.postings.has(stem(word)) || word.length < 4 || /\d/.test(word)) return word;
  return index.words.get(word[0] ?? '')?.search(word, { limit: 1 })[0]?.item ?? word;
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
    attributes = [...new Set(attributes.map((a) => (a === 'folders' ? 'popfolder' : a)))];
  }
  if (protocols.length === 0 && slots.incoming && attributes.includes('port')) {
    return { kind: 'clarify', attributes, options: ['imap', 'pop3'], slots, provider };
  }
  return settings(slots, provider, protocols, attributes);
}

function resolveProtocols(slots: Slots, context: SearchContext): Protocol[] {
  const explicit = [...slots.protocols];
  const incoming = explicit.filter((p) => p !== 'smtp');
  // "incoming and outgoing": SMTP is named, so incoming means the walkthrough's protocol, or both.
  if (slots.incoming && incoming.length === 0 && explicit.length > 0)
    explicit.unshift(
      ...(context.protocol && context.protocol !== 'smtp' ? [context.protocol] : (['imap', 'pop3'] as Protocol[])),
    );
  else if (slots.incoming && incoming.length === 0 && context.protocol && context.protocol !== 'smtp')
    explicit.push(context.protocol);
  if (explicit.length === 0 && !slots.incoming && context.protocol) explicit.push(context.protocol);
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
