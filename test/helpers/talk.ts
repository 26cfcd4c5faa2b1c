/** A conversation with the real bot on memory storage, through botbuilder's TestAdapter, for flow tests. */
import { MemoryStorage, TestAdapter, type BotTelemetryClient } from 'botbuilder';
import { createBot } from '../../bots';
import { createAnswerer, type Answerer } from '../../knowledge';

let shared: Answerer | undefined;

/** A fresh bot (one knowledge index shared by all) behind a TestAdapter; `telemetry` hears its insights events. */
export function newAdapter(telemetry?: BotTelemetryClient): TestAdapter {
  const bot = createBot({
    ...(telemetry ? { telemetry } : {}),
    answerer: (shared ??= createAnswerer()),
    config: { supportContact: 'Call the support line.' },
    storage: new MemoryStorage(),
    now: () => new Date('2026-01-01T00:00:00Z'),
  });
  return new TestAdapter((context) => bot.run(context));
}

/** Everything the bot said in reply to one message: text, card text and button titles. */
export async function say(adapter: TestAdapter, input: string): Promise<string> {
  await adapter.send(input).startTest();
  return adapter.activeQueue
    .splice(0)
    .map((a) =>
      [
        a.text ?? '',
        JSON.stringify(a.attachments ?? []),
        ...(a.suggestedActions?.actions ?? []).map((x) => `[${x.title}]`),
      ].join(' '),
    )
    .join('\n');
}

/** The knowledge the talk helpers share (built once). */
export function sharedAnswerer(): Answerer {
  return (shared ??= createAnswerer());
}

/** Says each message in turn to a fresh bot and returns the replies to the last one. */
export async function last(messages: string[]): Promise<string> {
  const adapter = newAdapter();
  let out = '';
  for (const m of messages) out = await say(adapter, m);
  return out;
}

/** A table row: the messages, what the last reply must show, and what it must not. */
export type ReplyCase = [string[], RegExp, RegExp?];

/** The last reply to a row's messages, checked: its pattern shown, never `notSure`, never the forbidden one. */
export async function expectReply([messages, expected, forbidden]: ReplyCase, notSure: RegExp): Promise<string> {
  const out = await last(messages);
  expect(out).toMatch(expected);
  expect(out).not.toMatch(notSure);
  if (forbidden) expect(out).not.toMatch(forbidden);
  return out;
}
