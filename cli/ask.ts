/** `npm run ask -- "what port for smtp" [--json]`: one question, one answer, from the terminal. */
import { createAnswerer } from '../knowledge';

function main(args: string[]): number {
  const json = args.includes('--json');
  const question = args.filter((a) => a !== '--json').join(' ');
  if (!question.trim()) {
    console.error('usage: npm run ask -- "what port for smtp" [--json]');
    return 2;
  }
  const { result, reply } = createAnswerer().ask(question);
  if (json) {
    console.log(JSON.stringify({ result: summarise(result), reply }, null, 2));
    return 0;
  }
  console.log(reply.text);
  if (reply.suggestions.length > 0)
    console.log(`\nYou can also ask: ${reply.suggestions.map((s) => s.title).join(' | ')}`);
  return 0;
}

/** The result without the whole provider object, which would drown the output. */
function summarise(result: ReturnType<ReturnType<typeof createAnswerer>['ask']>['result']): object {
  const { provider, ...rest } = result;
  return { ...rest, provider: provider.provider.id };
}

process.exitCode = main(process.argv.slice(2));
