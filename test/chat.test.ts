/** The terminal chat: the same bot in-process, cards as text, buttons as numbered choices. */
import { ConsoleAdapter } from '../cli/console-adapter';
import { createBot } from '../bots';
import { createAnswerer } from '../knowledge';

async function session() {
  const printed: string[] = [];
  const adapter = new ConsoleAdapter((text) => printed.push(text));
  const bot = createBot({ answerer: createAnswerer(), config: { supportContact: 'Ring us.' } });
  const run = (c: Parameters<typeof bot.run>[0]) => bot.run(c);
  await adapter.join(run);
  const say = async (line: string) => {
    printed.length = 0;
    await adapter.send(line, run);
    return printed.join('\n');
  };
  return { adapter, say, printed };
}

describe('terminal chat', () => {
  it('welcomes with numbered buttons, and a number picks a button', async () => {
    const { adapter, say } = await session();
    expect(adapter.buttons.map((b) => b.title)).toEqual([
      'SMTP settings',
      'IMAP settings',
      'Error 530',
      'Switch POP to IMAP',
      'Talk to a person',
    ]);
    const out = await say('2');
    expect(out).toMatch(/IMAP \(incoming\): server mail\.btinternet\.com; port 993/);
  });

  it('shows a card as its text and walks through the steps by number', async () => {
    const { say } = await session();
    expect(await say('switch pop to imap')).toMatch(/Step 1 of 6[\s\S]*1\. Outlook/);
    expect(await say('6')).toMatch(/Step 2 of 6[\s\S]*Thunderbird[\s\S]*1\. Next/);
    expect(await say('1')).toMatch(/Step 3 of 6/);
  });
});
