/**
 * Blind sets (README: Measuring answers): held out, so not required to pass whole; the score may
 * not fall below the first run recorded in the README.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../knowledge/load';
import { startCheckerBot, type CheckerBot } from './helpers/checker-bot';
import { runCases, type ConversationCase } from './helpers/conversation-checker';

const blind = join(projectRoot(__dirname), 'test', 'fixtures', 'blind');
let bot: CheckerBot;

beforeAll(async () => {
  bot = await startCheckerBot();
});

afterAll(() => bot.close());

describe('blind sets', () => {
  it.each([
    ['set5.json', 160, 134],
    ['set6.json', 160, 135],
    ['set7.json', 160, 144],
    ['set8.json', 160, 156],
    ['set9.json', 160, 153],
    ['set10.json', 160, 152],
    ['set11.json', 160, 156],
    ['set12.json', 160, 156],
    ['set13.json', 160, 155],
    ['set14.json', 160, 156],
    ['set15.json', 160, 156],
    ['set16.json', 160, 156],
    ['set17.json', 160, 154],
    ['set18.json', 160, 157],
    ['set19.json', 160, 160],
    ['set20.json', 160, 157],
  ])(
    '%s: all %i cases run, at least %i pass (its first run)',
    async (file, total, firstRun) => {
      const cases = JSON.parse(readFileSync(join(blind, file), 'utf8')) as ConversationCase[];
      const results = await runCases(bot.endpoint, bot.connector, cases);
      expect(results).toHaveLength(total);
      expect(results.filter((r) => r.failures.length === 0).length).toBeGreaterThanOrEqual(firstRun);
    },
    180_000,
  );
});
