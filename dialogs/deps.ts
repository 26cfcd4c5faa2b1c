/** What every dialog is built from. */
import type { BotTelemetryClient, StatePropertyAccessor } from 'botbuilder';
import type { Answerer } from '../knowledge';
import type { ProfileOffers } from '../setup-files/offer';
import type { ActiveDialogStore } from './engine';
import type { Session } from './session';

/** The parts the dialogs share; tests pass the same real parts with memory storage. */
export interface DialogDeps {
  answerer: Answerer;
  session: StatePropertyAccessor<Session>;
  /** The walkthrough or error explainer under way, if any. */
  activeDialog: ActiveDialogStore;
  /** How customers reach BT support, said when they ask for a person. */
  supportContact: string;
  now?: () => Date;
  /** The handover offers a person after an unhelpful answer or failed fixes: the dialogs then leave that offer to it. */
  handoverOffers?: boolean;
  /** The Apple settings file offered beside settings answers for iPhone, iPad and Mac Mail; none when absent. */
  profileOffers?: ProfileOffers;
  /** Where each step's insights event goes (bots/telemetry.ts); none when absent. */
  telemetry?: BotTelemetryClient;
}
