/**
 * Where the bot changes how botbuilder 4.23 works, and nowhere else. Each patch was measured
 * under `npm run bench:load` (README, Load) and is compared with the stock class it replaces,
 * on the same inputs, by its test (test/botbuilder-patches/). checkPatchedVersions refuses a
 * botbuilder other than 4.23.x at start-up. When the bot moves to the Microsoft 365 Agents SDK,
 * this folder is what goes.
 *
 * | patch                   | replaces                                      | why (measured)                                     |
 * | ----------------------- | --------------------------------------------- | -------------------------------------------------- |
 * | `lean-replies.ts`       | ConnectorClient's sendToConversation and      | the Azure HTTP pipeline was the largest cost of a  |
 * |                         | replyToActivity (the @azure/core-client path) | turn: echo CPU per turn 0.88 → 0.6 ms              |
 * | `connector-reuse.ts`    | a new ConnectorClient and UserTokenClient     | a quarter of an echo bot's CPU per turn            |
 * |                         | per turn (CloudAdapter)                       |                                                    |
 * | `conversation-state.ts` | BotState's change detection (replacer         | in-process turn CPU 0.46 → 0.30 ms                 |
 * |                         | stringify + SHA-256, three times a turn)      |                                                    |
 * | `lean-adapter.ts`       | CloudAdapter.process (zod schemas built per   | 3% of the bot's CPU, 6% of its allocations, about  |
 * |                         | request; errors printed and sent back)        | +4% turns/s; a failed request is logged, not sent  |
 * | `one-message.ts`        | one activity per sendActivity                 | one bubble per answer; 17 connector calls per 12   |
 * |                         |                                               | turns became 12                                    |
 *
 * Beside them: `outbound.ts` (the proxy and User-Agent lean-replies must honour, as the Azure
 * pipeline does), `connector-types.ts` (botframework-connector's types, shared) and `version.ts`
 * (the start-up check).
 */
export { LeanCloudAdapter } from './lean-adapter';
export { reuseClients, CLIENT_CACHE_SIZE } from './connector-reuse';
export { createOutbound, type Outbound } from './outbound';
export { JsonDiffConversationState } from './conversation-state';
export { oneMessagePerTurn, wasHeld } from './one-message';
export { BotbuilderVersionError, checkPatchedVersions, PATCHED_FOR } from './version';
export type { BotFrameworkAuthentication, ConnectorClient } from './connector-types';
