/** Builds the bot from its parts: state, the main dialog and the knowledge. */
import { ConversationState, MemoryStorage, UserState, type Storage } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { Answerer } from '../knowledge';
import { MainDialog } from '../dialogs/main-dialog';
import type { Session } from '../dialogs/session';
import { SupportBot } from './support-bot';

export { SupportBot } from './support-bot';
export { typingIndicator } from './typing';
export { botMiddleware, dropTraces } from './middleware';

/** What createBot needs; storage defaults to memory until durable storage is configured. */
export interface BotOptions {
  answerer: Answerer;
  config: { supportContact: string };
  storage?: Storage;
  /** Accepted for symmetry with the server; the bot logs nothing of its own yet. */
  logger?: unknown;
  now?: () => Date;
}

/** A ready SupportBot and the state it keeps. */
export function createBot(options: BotOptions): SupportBot {
  const storage = options.storage ?? new MemoryStorage();
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  const session = conversationState.createProperty<Session>('session');
  const dialog = new MainDialog({
    answerer: options.answerer,
    session,
    supportContact: options.config.supportContact,
    now: options.now,
  });
  const dialogState = conversationState.createProperty<DialogState>('dialogState');
  return new SupportBot({ conversationState, userState, dialog, dialogState });
}
