/** Every fixed sentence the core says, in one place so tests can assert on them. */
import type { NoneReason } from './search';

const CAN_HELP =
  'I can help with BT Email settings: server names, ports, SSL, usernames, SMTP authentication, errors such as 530, and switching from POP to IMAP.';

/** What the bot says when the search finds nothing, by reason. */
export const NONE_TEXT: Record<NoneReason, string> = {
  empty: `I didn't catch a question there. ${CAN_HELP}`,
  'still-failing': `Sorry it still isn't working. I've given you the checks I know for this, so the next step is a person: someone from our support team can look at it with you. Or tell me whether it's sending or receiving that fails.`,
  'other-provider': `Sorry, I can only help with BT Email (btinternet.com, btopenworld.com and talk21.com addresses), so I can't give settings for other email providers. ${CAN_HELP}`,
  'other-product': `Sorry, I can only help with BT Email settings, not broadband, TV or other BT services. One of our support team can help with those.`,
  account: `Sorry, I can't see or change your BT account, bills, addresses or other account details: I only know the email settings. One of our support team can help with your account.`,
  password: `Sorry, I can't see, reset or change passwords or other account details: I only know the email settings. One of our support team can help with your account.`,
  'others-password': `Sorry, I can't see or give out any password, yours or anyone else's. The mail servers have no admin or server password of their own: every account signs in with its own email address and its own BT Email password, which only its owner knows. If it's someone else's account, they need to sign in or reset the password themselves; if it's yours and you've forgotten it, one of our support team can help.`,
  'not-covered': `Sorry, I can't help with that: I only know BT Email's settings for setting up a mail program, not mailbox features such as spam filters, forwarding, auto-replies, signatures or storage space. One of our support team can help.`,
  'own-domain': `Sorry, I can't help with your own domain's DNS records (SPF, DKIM, DMARC or MX): I only know the settings a mail program needs for BT Email addresses (btinternet.com, btopenworld.com and talk21.com). Whoever hosts your domain, or one of our support team, can help.`,
  'service-status': `I can't see whether BT Email's servers are working right now: I only know the settings. If your settings match these and it still fails, BT's support team can check for a problem.`,
  'service-plans': `Sorry, I can't speak for BT's plans, prices or accounts: whether BT Email is changing or closing, what it costs, or what happens to an address if you leave BT. I only know the settings a mail program needs. One of our support team can help with that.`,
  speed: `I can't tell why mail is slow or arriving late: I only know BT Email's settings, and they say nothing about speed. If you paste your settings I can check them, or one of our support team can look into it.`,
  'no-match': `Sorry, I'm not sure about that one. ${CAN_HELP} Or I can put you in touch with a person.`,
};

/** Other fixed sentences and buttons. */
export const TEXT = {
  noSpa: 'Do not enable Secure Password Authentication (SPA): it is not needed with SSL and will not work.',
  dontSharePassword:
    "Please don't share your password with anyone, including me: I never need it, and you may want to change it now you've typed it here.",
  neverAskPassword: "I'll never ask you for your password, so please don't type it here.",
  unknownError: "I don't have that error number in my notes, but here is what usually fixes it.",
  popAlternative: (port: number) =>
    `These are the IMAP settings BT recommends. If your account uses POP3 instead, the incoming port is ${port}.`,
  whichProtocol: "Which does your account use? If you're not sure, BT recommends IMAP.",
  /** A value the customer stated (not asked about) is right: confirmed without a yes/no verdict. */
  statedRight: (values: string, count: number) =>
    count > 1 ? `What you have is right: ${values} are correct.` : `What you have is right: ${values} is correct.`,
  /** The verdict on a box that must be ticked, asked as a yes or no (SMTP authentication). */
  tickIt: 'Yes — tick it.',
  /** The same about a box the customer calls a switch, toggle or slider. */
  turnItOn: 'Yes — turn it on.',
  /** Issue 13 (last): asked whether a setting is the same on another side, and the knowledge has one value for all. */
  sameEverywhere: (side: string) => `Yes, the same for ${side} mail.`,
  keepTicked: 'No — keep it ticked: it is required.',
  /** Issue 13 (talk): a kept yes about SSL for another side ("is SSL needed for incoming?" … "and outgoing?"). */
  sslRight: 'Yes — SSL is right.',
  /** Issue 13 (talk): a kept yes or no about authentication, for an incoming server (no box there to tick). */
  incomingSignIn: 'the incoming server signs in with the same username and password as outgoing mail.',
  keepOn: 'No — keep it on: it is required.',
  /** Issue 13 (username verdicts): the username asked across sides (the smtp-auth entry: "the same username and password"). */
  usernameBothSides: (verdict: 'Yes' | 'No') =>
    `${verdict} — both incoming and outgoing use the same username and password.`,
  /** Issue 13 (verdicts): asked whether a server setting is the same for another BT domain ("same for talk21?"). */
  sameForDomains: (domains: string) => `Yes, the same for ${domains} addresses.`,
  /** Issue 13 (talk): the addresses BT Email settings are for, after a question that wrote the address as "bt.com". */
  settingsForDomains: (domains: string) => `These are the BT Email settings, for ${domains} addresses.`,
  /** Issue 13 (context): "on or off?" about a box that must be off (or on); a switch, toggle or slider is turned. */
  switchChoice: (mustBe: 'off' | 'on', turned = false) =>
    turned
      ? mustBe === 'off'
        ? 'Off — leave it off.'
        : 'On — turn it on.'
      : mustBe === 'off'
        ? 'Off — leave it unticked.'
        : 'On — tick it.',
  /** Issue 13 (context): a yes or no about a box that must be off (or on), agreeing with the answer after it. */
  /** Issue 13 (confirm): a yes to "is that right?" after an entry, with its point again. */
  confirmed: (point: string) => `Yes — ${point}`,
  switchYesNo: (agrees: boolean, mustBe: 'off' | 'on') => `${agrees ? 'Yes' : 'No'} — leave it ${mustBe}.`,
  didYouMean: 'I want to be sure I answer the right question. Did you mean one of these?',
  offerPerson: { title: 'Talk to a person', value: 'Talk to a person' },
  howToTell: { title: 'How do I tell?', value: 'How do I know if I use IMAP or POP?' },
  noneOfThese: { title: 'None of these', value: 'None of these' },
  /** Issue 13 (vague failures): something fails and nothing says what: which side, the settings checker, or a person. */
  whichSide:
    "Let's find what's wrong. Is it sending or receiving email that fails? Pick one and I'll give you the checks for it. " +
    "Or paste what your mail program shows for the account (leave your password out) and I'll check your settings, " +
    'or I can put you in touch with a person.',
  checkMySettings: { title: 'Check my settings', value: 'Can you check my settings?' },
  allSettings: (label: string) => ({ title: `All ${label} settings`, value: `${label} settings` }),
} as const;
