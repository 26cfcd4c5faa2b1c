/** Direct Line's shapes as JSON: participants, activities, and what a client receives. Types only. */

/** A participant as Direct Line shows it. */
export interface ChannelAccount {
  id: string;
  name?: string;
  role?: 'user' | 'bot';
}

/** An activity as JSON; the store fills in `id` and `timestamp`. */
export interface Activity {
  type: string;
  id?: string;
  timestamp?: string;
  channelId?: string;
  from?: ChannelAccount;
  recipient?: ChannelAccount;
  conversation?: { id: string };
  replyToId?: string;
  text?: string;
  channelData?: Record<string, unknown>;
  [field: string]: unknown;
}

/** What GET activities returns and what each WebSocket frame holds. */
export interface ActivitySet {
  activities: Activity[];
  watermark: string;
}
