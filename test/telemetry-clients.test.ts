/** Wiring the bot's telemetry to several places: eventsTo (a sink as a client) and fanOut. */
import { NullTelemetryClient, type BotTelemetryClient, type TelemetryEvent } from 'botbuilder';
import { eventsTo, fanOut } from '../bots/telemetry-clients';
import { createMetrics, metricsSink } from '../server/metrics';

/** A client that records what it is given; `broken` throws on every call. */
function recording(broken = false): BotTelemetryClient & { calls: string[] } {
  const calls: string[] = [];
  const client = new NullTelemetryClient() as NullTelemetryClient & { calls: string[] };
  client.calls = calls;
  const record = (kind: string) => (t: { name?: string; message?: string }) => {
    if (broken) throw new Error('telemetry down');
    calls.push(`${kind}:${t.name ?? t.message ?? ''}`);
  };
  client.trackEvent = record('event');
  client.trackTrace = record('trace');
  client.trackDependency = record('dependency') as BotTelemetryClient['trackDependency'];
  client.flush = () => void calls.push('flush');
  return client;
}

describe('fanOut', () => {
  it.each<[string, (c: BotTelemetryClient) => void, string]>([
    ['an event', (c) => c.trackEvent({ name: 'answer.given' }), 'event:answer.given'],
    ['a trace', (c) => c.trackTrace({ message: 'm', severityLevel: 1 }), 'trace:m'],
    [
      'a dependency',
      (c) =>
        c.trackDependency({
          name: 'd',
          data: '',
          target: 't',
          dependencyTypeName: 'HTTP',
          duration: 1,
          resultCode: 200,
          success: true,
        }),
      'dependency:d',
    ],
    ['a flush', (c) => c.flush(), 'flush'],
  ])('passes %s to every client, past one that throws', (_, call, expected) => {
    const [first, second] = [recording(), recording()];
    call(fanOut(first, recording(true), second));
    expect([first.calls, second.calls]).toEqual([[expected], [expected]]);
  });
});

describe('eventsTo', () => {
  it('feeds the Prometheus counters from the bot’s events, beside other clients', async () => {
    const metrics = createMetrics();
    const other = recording();
    const client = fanOut(eventsTo(metricsSink(metrics)), other);
    const events: TelemetryEvent[] = [
      { name: 'answer.given', properties: { kind: 'none' } },
      { name: 'handover.requested' },
      { name: 'walkthrough.step', properties: { step: '1' } },
    ];
    events.forEach((event) => client.trackEvent(event));
    const text = await metrics.registry.metrics();
    expect(text).toContain('bot_answers_total{kind="none"} 1');
    expect(text).toContain('bot_handovers_total{state="requested"} 1');
    expect(other.calls).toEqual(['event:answer.given', 'event:handover.requested', 'event:walkthrough.step']);
  });
});
