/** The shape of a knowledge file, checked with zod so every problem is reported at once. */
import { z } from 'zod';

export const PROTOCOLS = ['imap', 'pop3', 'smtp'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

const nonEmpty = z.string().trim().min(1, 'must be non-empty text');
const sourceId = z.string().regex(/^[a-z0-9-]+$/, 'must be a source id (lower-case letters, digits, -)');
const hostName = z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'must be a host name such as mail.example.com');

const serverSchema = z.strictObject({
  label: nonEmpty,
  direction: z.enum(['incoming', 'outgoing']),
  host: hostName,
  port: z.number().int().min(1).max(65535),
  encryption: z.enum(['ssl', 'starttls', 'none']),
  authentication: nonEmpty,
  authenticationRequired: z.boolean().optional(),
  authenticationSetting: nonEmpty.optional(),
  portNote: nonEmpty.optional(),
  folderSeparator: z.string().max(1).optional(),
  rootFolder: z.string().optional(),
  folders: z.array(nonEmpty).optional(),
  popFolder: nonEmpty.optional(),
  sources: z.array(sourceId).min(1),
  evidence: z.record(z.string(), nonEmpty),
});

const baseEntry = {
  id: z.string().regex(/^[a-z0-9-]+$/, 'must be a lower-case id with - between words'),
  title: nonEmpty,
  questions: z.array(nonEmpty).min(1, 'needs at least one alternate question'),
  keywords: z.array(nonEmpty),
  source: sourceId,
  evidence: z.array(nonEmpty).min(1, 'needs at least one quote from its source'),
};

const topicSchema = z.strictObject({
  ...baseEntry,
  kind: z.enum(['topic', 'faq']),
  answer: nonEmpty,
  followUps: z.array(z.string()).default([]),
  /** Issue 13 (context): a box the answer says must be left off or on (SPA): a yes/no or "on or off?" about it gets the verdict first. */
  mustBe: z.enum(['off', 'on']).optional(),
  /**
   * Issue 13 (verdicts): the yes or no the answer gives, only to a yes/no question that says an item of
   * the lexicon word list `says` ("same for talk21?" → "Yes, the same."); the first that fits is said
   * before the answer, which itself never opens with a yes or no that another question would contradict.
   */
  verdicts: z.array(z.strictObject({ says: z.string().regex(/^[a-zA-Z0-9]+$/), say: nonEmpty })).default([]),
  /** Issue 13 (changed password): the named program's own screens this answer needs (programs-steps.yaml), shown after it. */
  programSteps: z.enum(['changeSettings']).optional(),
});

const errorSchema = z.strictObject({
  ...baseEntry,
  kind: z.literal('error'),
  code: z.string().regex(/^[0-9]{3}$/, 'must be a three-digit reply code'),
  alsoCodes: z.array(z.string().regex(/^[0-9]{3}$/)).default([]),
  variant: nonEmpty.optional(),
  meaning: nonEmpty,
  fix: nonEmpty,
  checks: z.array(nonEmpty).default([]),
  /** Where to make the fix in a named mail program; `{program}` is filled in. */
  programTip: nonEmpty.optional(),
});

const walkthroughSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: nonEmpty,
  source: sourceId,
  evidence: z.array(nonEmpty).min(1),
  intro: nonEmpty,
  programQuestion: nonEmpty,
  /**
   * The source's numbered steps, in its order. `saidPop` is a step's shorter text when the customer
   * already said the account is POP (step 1, checking the account type, only confirms it).
   */
  steps: z
    .array(
      z.strictObject({
        title: nonEmpty,
        text: nonEmpty,
        saidPop: nonEmpty.optional(),
        /** Issue 15 (steps): the program's own screens this step needs (programs-steps.yaml), shown when the program is known. */
        programSteps: z.enum(['addAccount', 'changeSettings']).optional(),
      }),
    )
    .min(1),
  done: nonEmpty,
  /** The walkthrough's own questions (entry ids): inside it they are answered first, even on a loose match. */
  faqs: z.array(z.string()).default([]),
});

/** Issue 15 (checker): the settings the checker gives a verdict on, each side's and the username. */
export const CHECKED_FIELDS = [
  'incoming-server',
  'incoming-port',
  'incoming-encryption',
  'incoming-authentication',
  'outgoing-server',
  'outgoing-port',
  'outgoing-encryption',
  'outgoing-authentication',
  'username',
] as const;
export type CheckedField = (typeof CHECKED_FIELDS)[number];

/**
 * A value shown for a field: any value not the provider's (`wrong`), an encryption (`none`, `starttls`,
 * `unclear` for a bare "TLS" or "Auto"), a box (`on`, `off`), or a username without its domain (`bare`)
 * or at another domain (`other`).
 */
export const SHOWN_VALUES = ['wrong', 'none', 'starttls', 'unclear', 'on', 'off', 'bare', 'other'] as const;

/**
 * Issue 15 (checker): what a wrong value does. `effect` (it cannot work, or it is merely old) only
 * with the source that says so, quoted; `causes`, the entries (symptoms, errors) it leads to, so the
 * cause of a symptom the customer names comes first. A wrong value no rule names is "not the setting".
 */
const checkerRuleSchema = z
  .strictObject({
    field: z.enum(CHECKED_FIELDS),
    shown: z.enum(SHOWN_VALUES),
    effect: z.enum(['cannot-work', 'old']).optional(),
    /** What the effect is, in the customer's words (shown beside the quote). */
    says: nonEmpty.optional(),
    causes: z.array(z.string().regex(/^[a-z0-9-]+$/, 'must be an entry id')).default([]),
    source: sourceId.optional(),
    evidence: nonEmpty.optional(),
  })
  .refine((r) => !r.effect || (r.says && r.source && r.evidence), {
    message: 'an effect needs `says`, its `source` and the `evidence` quoted from it',
  });

/** One provider's knowledge file, as written by an editor. */
export const knowledgeFileSchema = z.strictObject({
  version: z.literal(1),
  provider: z.strictObject({
    id: z.string().regex(/^[a-z0-9-]+$/),
    name: nonEmpty,
    domains: z.array(hostName).min(1),
    domainsSource: sourceId,
  }),
  sources: z.record(
    sourceId,
    z.strictObject({
      label: nonEmpty,
      title: nonEmpty,
      url: z.url(),
      /** The source's text in knowledge/sources/, where the tests find every quote. */
      file: z
        .string()
        .regex(/^[\w-]+\.(?:txt|md)$/, 'must be a file name in knowledge/sources such as page.txt')
        .optional(),
    }),
  ),
  servers: z.strictObject({ imap: serverSchema, pop3: serverSchema, smtp: serverSchema }),
  account: z.strictObject({
    username: nonEmpty,
    password: nonEmpty,
    source: sourceId,
    evidence: z.record(z.string(), nonEmpty),
  }),
  entries: z.array(z.discriminatedUnion('kind', [topicSchema, errorSchema])).min(1),
  walkthroughs: z.array(walkthroughSchema).default([]),
  checker: z.array(checkerRuleSchema).default([]),
});

export type KnowledgeFile = z.infer<typeof knowledgeFileSchema>;
export type Server = KnowledgeFile['servers']['imap'];
export type TopicEntry = z.infer<typeof topicSchema>;
export type ErrorEntry = z.infer<typeof errorSchema>;
export type Entry = TopicEntry | ErrorEntry;
export type Walkthrough = z.infer<typeof walkthroughSchema>;
export type CheckerRule = z.infer<typeof checkerRuleSchema>;
