/**
 * A reply, independent of any channel, and the parts it carries. Why a file of its own: the answers
 * and the settings checker's reply both build one, and the answers call the checker's.
 */
import type { SettingsCheck } from './checker';

/** One labelled value on a settings card. */
export interface Fact {
  label: string;
  value: string;
}

/** Structured data for a settings card; the bot layer turns it into an Adaptive Card. */
export interface CardData {
  title: string;
  sections: { heading: string; facts: Fact[] }[];
  notes: string[];
}

/** A button offered after a reply: what it says and what it sends back. */
export interface Suggestion {
  title: string;
  value: string;
}

/** A reply, independent of any channel. */
export interface Reply {
  text: string;
  card?: CardData;
  suggestions: Suggestion[];
  sources: { label: string; title: string; url: string }[];
  /** A substantial answer, worth asking "Was this helpful?" about. */
  substantial: boolean;
  /** Issue 15 (checker): the settings checked, field by field; channels with cards draw it as one. */
  check?: SettingsCheck;
  /** Issue 15 (checker): offer the settings form (channels with cards show it). */
  checkForm?: boolean;
}
