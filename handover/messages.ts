/**
 * Every fixed sentence and button of a handover, to the customer and to the agents, in one place
 * so tests can assert on them and an editor finds them: the offers and replies, and the parts of
 * the support-hours and queue sentences (hours.ts and queue.ts put those together; they reach
 * the machine as finished sentences, settings.nextOpening and settings.queueText). Pure.
 */
import type { Suggestion } from '../knowledge';

const button = (title: string, value = title): Suggestion => ({ title, value });

/** The buttons a handover offers the customer; a click comes back as its value, read like typed text. */
export const HANDOVER_BUTTONS = {
  /** The menu's button that asks for a person (dialogs/texts.ts shows it). */
  person: button('Talk to a person'),
  connect: button('Connect me'),
  keepTrying: button('Keep trying here'),
  cancelWaiting: button('Stop waiting'),
  keepWaiting: button('Keep waiting'),
  leaveMessage: button('Leave a message'),
  noThanks: button('No thanks'),
  cancel: button('Cancel'),
  /** The agent's help rated 1 to 5; the value is the digit. */
  ratings: [
    button('5 – very good', '5'),
    button('4 – good', '4'),
    button('3 – OK', '3'),
    button('2 – poor', '2'),
    button('1 – very poor', '1'),
  ],
} as const;

/** English day names, Sunday first (the index of `Date#getUTCDay`). */
export const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** English month names, January first. */
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** Why a person is offered, as the customer is told. */
const OFFER_OPENING = {
  // Neutral: the request may follow "this is useless", where "Of course." reads oddly.
  asked: 'I can put you in touch with a person.',
  'not-understood': "Sorry, I'm not understanding you.",
  'fix-failed': "Sorry that didn't sort it.",
  'not-helpful': "Sorry that didn't help.",
  'compromised-account':
    "If you think someone else has got into your account, it's best to talk to a person straight away. Don't share your password with anyone in this chat, and change it as soon as you can.",
} as const;

/** What the customer reads. */
export const HANDOVER_TEXT = {
  offer: (reason: keyof typeof OFFER_OPENING) =>
    `${OFFER_OPENING[reason]} I can connect you to a person from BT Email support. They'll see this chat, so you won't need to repeat yourself. Would you like that?`,
  offerWhenClosed: (reason: keyof typeof OFFER_OPENING, nextOpening: string) =>
    `${OFFER_OPENING[reason]} Our support team isn't available right now. ${nextOpening} You can leave a message and they'll get back to you.`,
  offerContact: (reason: keyof typeof OFFER_OPENING, contact: string) =>
    `${OFFER_OPENING[reason]} I can't pass this chat to a person, but BT's support team can help. ${contact} You can also leave a message here and they'll get back to you.`,
  keptTrying: "OK, let's keep going here. What would you like to know about your BT Email settings?",
  /** A "no" to a person with a question after it ("no hang on, what's the smtp port?"): the question is answered next. */
  personLater: 'OK. If you\'d like a person later, just say "talk to a person".',
  waiting: (queue: string) =>
    `OK, I'm finding someone for you. ${queue} Anything you type while you wait is passed on to them. Say "stop waiting" to leave the queue.`,
  waitingForHub: "OK, I'm passing you to our support team. Anything you type while you wait is passed on to them.",
  alreadyWaiting: (queue: string) =>
    `You're already in the queue: someone will be with you as soon as they can. ${queue}`,
  queueUpdate: (queue: string) => `Still finding someone for you. ${queue}`,
  /** When settings.queueText is not given. */
  queueUnknown: "You're in the queue.",
  waitTimeout:
    "Sorry, everyone is still busy. You can keep waiting, or leave a message and the team will get back to you. Please don't include your password.",
  keepWaiting: "OK, you're still in the queue.",
  leftQueue: "OK, you've left the queue. I'm still here if you need help with your BT Email settings.",
  connected: (name: string) => `You're now talking to ${name} from BT Email support.`,
  connectedToHub: "You're now talking to a person from BT Email support.",
  released: "You're back in the queue: the next person free will pick up your chat and see everything so far.",
  back: "You're back with the assistant.",
  rateAgent: (name: string) => `How would you rate the help you got from ${name}?`,
  rateHub: 'How would you rate the help you got from our support team?',
  ratingThanks: 'Thanks for your rating. Is there anything else I can help with?',
  idleClosed: "As I haven't heard from you for a while, I've closed this chat with our support team.",
  unreachable: (contact: string) =>
    `Sorry, I couldn't reach our support team just now. ${contact} You can also leave a message here and they'll get back to you.`,
  askMessage:
    "Please type your message for the support team: what's wrong and what you've tried. Please don't include your password.",
  askMessageAgain: 'Please type your message as text.',
  askContact:
    'How should the team get back to you? For example your email address, or a phone number and a good time to call.',
  ticketCreated: "Thanks, I've passed your message to the support team. They'll get back to you as soon as they can.",
  noMessage: "OK. I'm still here if you need help with your BT Email settings.",
  // ---- When support hours open next, and the queue (hours.ts, queue.ts put these together) ----
  /** "A person is next available on Monday at 08:00." */
  nextAvailable: (when: string) => `A person is next available ${when}.`,
  /** Support never opens again (every day closed): said instead of a time. */
  notAvailable: 'No one from BT Email support is available at the moment.',
  today: (time: string) => `today at ${time}`,
  tomorrow: (time: string) => `tomorrow at ${time}`,
  /** Within the coming week: the day's name is enough. */
  onDay: (day: string, time: string) => `on ${day} at ${time}`,
  /** A week or more away (a run of bank holidays): the date too. */
  onDate: (day: string, date: number, month: string, time: string) => `on ${day} ${date} ${month} at ${time}`,
  /** First in the queue. */
  queueNext: "You're next in the queue.",
  /** Behind others in the queue. */
  queuePosition: (position: number) => `You're number ${position} in the queue.`,
  /** The expected wait, e.g. "about 5 minutes"; "a few minutes" with no recent handovers to go by. */
  expectedWait: (wait: string) => `The expected wait is ${wait}.`,
  waitUnknown: 'a few minutes',
  waitAboutAMinute: 'about a minute',
  waitMinutes: (minutes: number) => `about ${minutes} minutes`,
  waitOverAnHour: 'more than an hour',
} as const;

/** What the agents read in the handover's thread. */
export const AGENT_TEXT = {
  alreadyAccepted: (name: string) => `Already accepted by ${name}.`,
  notWaiting: 'This request is no longer waiting: the customer has left the queue or the chat has ended.',
  acceptFirst: 'Accept the request first: this was not sent to the customer.',
  notYours: (name: string) => `Only ${name}, who accepted this chat, can reply to the customer; this was not sent.`,
  filesNotRelayed: "Files aren't passed on to the customer: paste the text or describe what's in it.",
  customerFile: 'The customer tried to send a file; files are not passed on.',
  editsNotMirrored: "Edits and deletions aren't passed on: the customer still sees the first version.",
  customerCancelled: 'The customer left the queue.',
  customerLeftMessage: 'The customer chose to leave a message instead of waiting.',
  customerLeft: (minutes: number) =>
    `The customer seems to have left (no message for ${minutes} minutes): the chat is closed.`,
  released: (name: string) => `${name} released the chat: it is back in the queue.`,
  ended: (name: string) => `${name} ended the chat: the customer is back with the assistant.`,
  customerUnreachable: "The customer's chat could not be reached just now: they may have closed it.",
  /** A message a customer left (leave a message), posted to the support channel. */
  ticket: (id: string, message: string, contact: string) =>
    `New message from a customer (ticket ${id}).\n\nMessage: ${message}\n\nHow to reply: ${contact}`,
} as const;
