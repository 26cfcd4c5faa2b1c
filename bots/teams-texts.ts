/** What the bot says only in Microsoft Teams, in one place so tests can assert on it. */

/** Sentences for Teams teams, channels and group chats. */
export const TEAMS_SAY = {
  /** The bot's name when Teams does not say it; the app package uses the same. */
  defaultBotName: 'BT Email help',
  /** Said once, when the bot is added to a team or a group chat. */
  introduction: (botName: string) =>
    `Hello, I'm ${botName}, the BT Email settings assistant. Mention me with a question, such as "@${botName} smtp settings" or "@${botName} error 530", and I'll answer in the thread.`,
} as const;
