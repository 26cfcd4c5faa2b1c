/** What the Teams app says about itself: names, descriptions, publisher and commands. Edit here, not in manifest.json. */

/** A command Teams lists when people type "@" or "/" to the bot. */
export interface BotCommand {
  title: string;
  description: string;
}

/** The app's words and publisher; `defaultBotName` in bots/teams-texts.ts matches `shortName`. */
export const APP_INFO = {
  shortName: 'BT Email help',
  fullName: 'BT Email settings assistant',
  shortDescription: 'Settings, errors and POP to IMAP help for BT Email addresses.',
  fullDescription:
    'Answers questions about BT Email settings for btinternet.com, btopenworld.com and talk21.com addresses: server names, ports, SSL, usernames and SMTP authentication, errors such as 530, and a step-by-step switch from POP to IMAP. Use it in a personal chat, or mention it in a channel or group chat and it answers in the thread. It never asks for a password.',
  // Why BT Help for all three: side-loading needs https links; point them at your own pages before publishing.
  developer: {
    name: 'BT Email support',
    websiteUrl: 'https://www.bt.com/help',
    privacyUrl: 'https://www.bt.com/help',
    termsOfUseUrl: 'https://www.bt.com/help',
  },
  accentColor: '#5514B4',
} as const;

/** The command list, the same in every scope; each is something the bot understands as typed. */
export const COMMANDS: readonly BotCommand[] = [
  { title: 'smtp settings', description: 'Outgoing mail server, port, SSL and authentication' },
  { title: 'imap settings', description: 'Incoming mail server settings for IMAP' },
  { title: 'pop3 settings', description: 'Incoming mail server settings for POP3' },
  { title: 'error 530', description: 'What error 530 means and how to fix it' },
  { title: 'switch pop to imap', description: 'Step-by-step move from POP to IMAP' },
  { title: 'help', description: 'What I can help with' },
  { title: 'talk to a person', description: "How to reach BT's support team" },
];
