/**
 * botbuilder-dialogs' classes, imported from their own modules. Why: the package's index also
 * loads the prompts and their text recognizers (numbers, dates, choices in many languages),
 * about 36 MB of memory (16 MB of it live heap, which every garbage collection walks) that these
 * dialogs never use. Types can still come from the index: type imports are erased.
 */
export { ComponentDialog } from 'botbuilder-dialogs/lib/componentDialog';
export { Dialog, DialogTurnStatus } from 'botbuilder-dialogs/lib/dialog';
export { DialogSet } from 'botbuilder-dialogs/lib/dialogSet';
export {
  ClassMemoryScope,
  ConversationMemoryScope,
  DialogClassMemoryScope,
  DialogContextMemoryScope,
  DialogMemoryScope,
  SettingsMemoryScope,
  ThisMemoryScope,
  TurnMemoryScope,
  UserMemoryScope,
} from 'botbuilder-dialogs/lib/memory/scopes';
export {
  AtAtPathResolver,
  AtPathResolver,
  DollarPathResolver,
  HashPathResolver,
  PercentPathResolver,
} from 'botbuilder-dialogs/lib/memory/pathResolvers';
