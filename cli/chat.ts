/** `npm run chat`: talk to the bot in the terminal, in-process; buttons are numbered choices. */
import { createInterface } from 'node:readline/promises';
import { createBot } from '../bots';
import { createAnswerer } from '../knowledge';
import { ConsoleAdapter } from './console-adapter';

async function main(): Promise<void> {
  const bot = createBot({
    answerer: createAnswerer(),
    config: { supportContact: "Contact BT's support team through BT Help at www.bt.com/help." },
  });
  const adapter = new ConsoleAdapter((text) => console.log(`\nbot> ${text.replace(/\n/g, '\n     ')}`));
  const run = (context: Parameters<typeof bot.run>[0]) => bot.run(context);
  await adapter.join(run);
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  rl.setPrompt('\nyou> ');
  rl.prompt();
  for await (const line of rl) {
    if (/^(\/quit|\/exit)$/.test(line.trim())) break;
    if (line.trim()) await adapter.send(line, run);
    rl.prompt();
  }
  rl.close();
}

void main();
