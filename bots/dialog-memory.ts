/**
 * Every DialogContext builds a DialogStateManager, and the first one of each turn assembles its
 * memory scopes and path resolvers through botbuilder's component registry (a service collection
 * and a dependency graph). The set is the same every turn, so it is built once and handed to each
 * turn the way botbuilder-dialogs caches it itself: in turn state, under its own key.
 */
import type { TurnContext } from 'botbuilder';
import type { DialogStateManagerConfiguration } from 'botbuilder-dialogs';
import {
  AtAtPathResolver,
  AtPathResolver,
  ClassMemoryScope,
  ConversationMemoryScope,
  DialogClassMemoryScope,
  DialogContextMemoryScope,
  DialogMemoryScope,
  DollarPathResolver,
  HashPathResolver,
  PercentPathResolver,
  SettingsMemoryScope,
  ThisMemoryScope,
  TurnMemoryScope,
  UserMemoryScope,
} from '../dialogs/engine';

/** The turn-state key DialogStateManager reads its configuration from (botbuilder-dialogs 4.23). */
const CONFIGURATION_KEY = 'DialogStateManagerConfiguration';

/** What botbuilder-dialogs' DialogsBotComponent registers, in the same order. */
const DIALOG_MEMORY: DialogStateManagerConfiguration = {
  memoryScopes: [
    ...[new TurnMemoryScope(), new SettingsMemoryScope(), new DialogMemoryScope(), new DialogContextMemoryScope()],
    ...[new DialogClassMemoryScope(), new ClassMemoryScope(), new ThisMemoryScope(), new ConversationMemoryScope()],
    new UserMemoryScope(),
  ],
  pathResolvers: [
    ...[new DollarPathResolver(), new HashPathResolver(), new AtAtPathResolver(), new AtPathResolver()],
    new PercentPathResolver(),
  ],
};

/** Gives this turn's dialog contexts the prebuilt memory configuration (a turn that has one keeps it). */
export function useDialogMemory(context: TurnContext): void {
  // Why only when absent: should a later botbuilder read another key, it simply builds its own again.
  if (!context.turnState.has(CONFIGURATION_KEY)) context.turnState.set(CONFIGURATION_KEY, DIALOG_MEMORY);
}
