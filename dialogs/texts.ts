/** Every fixed sentence and button the dialogs use, in one place so tests can assert on them. */
import { HANDOVER_BUTTONS } from '../handover/messages';
import type { Suggestion } from '../knowledge';

const button = (title: string, value = title): Suggestion => ({ title, value });

/** Buttons used across dialogs. */
export const BUTTONS = {
  next: button('Next'),
  back: button('Back'),
  cancel: button('Cancel'),
  yesHelped: button('Yes, that helped'),
  noHelped: button("No, that didn't help"),
  // Why the handover's: a click on it again at once is a double click the handover ignores.
  person: HANDOVER_BUTTONS.person,
  fixedYes: button('Yes, it works now', 'yes'),
  fixedNo: button('No, still not working', 'no'),
  skip: button('Skip'),
  startWalkthrough: button('Switch POP to IMAP'),
  /** Starts the first set-up again, in the program it was for (the search reads the program from the words). */
  setUpAgain: (program?: string) =>
    button('Set up again', program ? `set up my email in ${program}` : 'set up my email'),
  /** Starts the switch from POP to IMAP again from step 1, in the program it was for. */
  switchAgain: (program?: string) =>
    button('Go through the switch again', program ? `switch pop to imap in ${program}` : 'switch pop to imap'),
  menu: [
    button('SMTP settings'),
    button('IMAP settings'),
    button('Error 530'),
    button('Switch POP to IMAP'),
    HANDOVER_BUTTONS.person,
  ],
} as const;

/** Mail programs offered as buttons; the typed names are understood by the knowledge search. */
export const PROGRAM_BUTTONS: readonly Suggestion[] = [
  button('Outlook'),
  button('Apple Mail'),
  button('iPhone or iPad'),
  button('Gmail app on Android'),
  button('Samsung Email'),
  button('Thunderbird'),
  button('Windows Mail'),
  button('Something else'),
];

/** What the bot says outside the knowledge. */
export const SAY = {
  welcome:
    "Hello! I'm the BT Email settings assistant. I can give you the server settings for btinternet.com, btopenworld.com and talk21.com addresses, explain errors such as 530, and walk you through switching from POP to IMAP. I'll never ask for your password. What can I help with?",
  help: "I can help with BT Email settings: server names, ports, SSL, usernames, SMTP authentication, errors such as 530, and switching from POP to IMAP. Ask in your own words, or pick one of these. Say 'cancel' at any time to stop what we're doing, or 'talk to a person' for our support team.",
  askHelp:
    'Of course. What would you like to know? You can ask about BT Email settings (servers, ports, SSL, usernames), an error message, or switching from POP to IMAP, in your own words.',
  askHelpMidWay: "Of course, go ahead and ask. Say 'next' when you're ready to carry on with the steps.",
  cancelled: "OK, I've stopped that. What would you like to do next?",
  greeting: 'Hello! What can I help you with? You can ask about BT Email settings in your own words.',
  thanks: "You're welcome, glad I could help. Is there anything else?",
  welcomeLead: "You're welcome.",
  goodbye: 'Thanks for chatting. Goodbye!',
  carryingOn: "OK. I'm still here if you need help with your BT Email settings.",
  howAreYou: "I'm fine, thanks for asking. What can I help you with on your BT Email?",
  nothingToRepeat: "I haven't answered anything yet. What would you like to know about BT Email settings?",
  acknowledge: 'OK. Is there anything else I can help with?',
  situation:
    'OK, thanks. What would you like to know? I can give you the settings (the same for btinternet.com, btopenworld.com and talk21.com addresses), explain an error message, or walk you through switching from POP to IMAP.',
  feedbackYes: "Great, thanks for letting me know. I'm glad it helped: is there anything else?",
  feedbackNo: "Sorry that didn't help. Would you like to talk to a person, or try asking another way?",
  noneOfThese:
    "Sorry I couldn't find the right answer. Could you ask another way, or would you like to talk to a person?",
  notText: 'Sorry, I can only read typed messages. What would you like to know about BT Email settings?',
  human: (contact: string) =>
    `I can put you in touch with a person: I can't pass this chat to one myself yet, but BT's support team can help. ${contact}`,
  identity:
    "I'm an automated assistant (a bot), not a person. I can answer questions about BT Email settings, or tell you how to reach BT's support team.",
  programLocation: (program: string, host: string, port: number) =>
    `In ${program}, open your BT account's settings and find the outgoing (SMTP) server: check it is ${host}, port ${port}, with SSL on and authentication on.`,
  wasThisHelpful: 'Was this helpful?',
  walkthroughDeclined: "OK, we won't switch now. What would you like to know about your BT Email settings?",
  walkthroughStopped: "OK, we'll stop the switch here. Say 'switch POP to IMAP' whenever you want to pick it up again.",
  walkThanks: "You're welcome. Choose Next when you're ready for the next step, or ask me anything about this one.",
  walkPause: "I'm still here, take your time. Choose Next when you're ready, or ask me anything about this step.",
  errorPause: "I'm still here, take your time. When you've tried it:",
  walkthroughUnexpected:
    "I didn't quite follow. Choose Next when you're ready, Back to go back, or Cancel to stop — or ask me a question about this step.",
  programUnexpected:
    'Please pick your mail program from the buttons, or type its name (for example Outlook or iPhone).',
  programQuestionUnknown:
    "Sorry, I'm not sure about that one. You can ask me about the switch at any step, or say 'talk to a person'. For now:",
  stepHeading: (n: number, of: number, title: string) => `Step ${n} of ${of}: ${title}`,
  anyProgram: 'your mail program',
  askProgramForError: 'Which mail program or device are you using? I can tell you where the setting is.',
  didThatFix: 'Did that fix it?',
  fixed: "Great, I'm glad it's working now.",
  nextChecks: "Let's check a few more things:",
  stillBroken: "Sorry that didn't sort it. Someone from our support team can look at it with you.",
  noWalkthrough:
    "There's no walkthrough under way, so there's no step to move to. Next, Back and step numbers belong to the step-by-step switch from POP to IMAP: would you like to start it? Or ask me about a setting, in your own words.",
  setupIntro:
    "Let's add your BT Email account to your mail program step by step, screen by screen, with BT's values at each field. Ask me anything along the way. I'll never ask for your password, and you type it only into your mail program.",
  setupWhichProgram: 'Which mail program or device are you setting up?',
  setupVersionUnexpected: 'Please pick the one you have from the buttons.',
  setupUnexpected:
    "I didn't quite follow. Choose Next when you're ready, Back to go back, or Cancel to stop — or ask me a question about this screen.",
  setupQuestionUnknown:
    "Sorry, I'm not sure about that one. You can ask me about BT's settings at any step, or say 'talk to a person'. For now:",
  setupValues: "BT's values here:",
  setupGlance: "All of BT's values at a glance (the steps then take them one part at a time):",
  setupFrom: (title: string) => `(The steps are from ${title}.)`,
  setupNoAddSteps: (label: string) =>
    `I haven't got its maker's own steps for adding an account in ${label}, so I won't guess those screens. Add the account the way ${label} offers; these steps, from its maker's help, then take you to the account's server settings, with BT's values at each one.`,
  setupBtSteps: (label: string) =>
    `I haven't got its maker's own steps for ${label}, so I won't guess its menus or buttons: add a new account the way ${label} offers, and I'll go through what BT's own help page says goes in, one part at a time, with BT's values. The names on its screens may differ a little.`,
  setupEnded: (how: 'finished' | 'stopped', label: string) =>
    `There's no walkthrough under way: ${how === 'finished' ? `that was the last step of setting up your BT Email in ${label}` : `we stopped setting up your BT Email in ${label}`}, so there's no step to move to. To go through the steps again, choose Set up again; or ask me about a setting, in your own words.`,
  switchEnded: (how: 'finished' | 'stopped') =>
    `There's no walkthrough under way: ${how === 'finished' ? 'that was the last step of switching from POP to IMAP' : 'we stopped the switch from POP to IMAP'}, so there's no step to move to. To go through the switch again from the start, choose Go through the switch again; or ask me about a setting, in your own words.`,
  setupDone: (label: string) =>
    `That's the account set up in ${label}. If it can't connect, check each value above again, or ask me about an error message.`,
  setupStopped: "OK, we'll stop setting up here. Say 'set up my email' whenever you want to pick it up again.",
  // Issue 15 (setup files): the settings file, where it is offered or asked for.
  fileOrSteps: 'On this device you can set it up with one file (the card below), or step by step (after it).',
  fileWhichDevice: 'Which device or mail program is it for?',
  fileNotFor: (label: string) =>
    `So the file won't set up ${label}: type BT's settings in yourself, or I can take you through it step by step.`,
  fileUnavailable:
    "I can't make the file here just now: type BT's settings in yourself, or I can take you through it step by step.",
  fileMidWay: 'Here it is (the card below), instead of these steps if you like; or carry on with them where we were:',
  fileUnavailableMidWay: "I can't make the file here just now, so let's carry on with the steps where we were:",
  fileNotForMidWay: (label: string) =>
    `So the file won't set up ${label}; let's carry on with the steps where we were:`,
  fixedUnexpected: 'Please answer yes or no: is it working now? Or ask me a question about the settings.',
} as const;
