/** The bot's offer of the Apple settings file: sourced words, only for Apple's Mail, only beside settings answers. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryStorage, TestAdapter, type Activity } from 'botbuilder';
import forge from 'node-forge';
import { parse } from 'yaml';
import { createBot } from '../bots';
import { createAnswerer } from '../knowledge';
import { createSetupParts, loadOfferFile, PROFILE_PROGRAMS } from '../setup-files';
import { OFFER_FILE } from '../setup-files/offer';
import type { SigningIdentity } from '../setup-files/signing';
import { cardText, profileCardOf } from './helpers/profile-card';

const answerer = createAnswerer();
const provider = answerer.knowledge.providers[0]!;
const BASE = 'https://bot.example.com';

function newBot(options: { baseUrl?: string; signing?: SigningIdentity } = {}) {
  const baseUrl = () => ('baseUrl' in options ? options.baseUrl : BASE);
  const setup = createSetupParts({ provider, baseUrl, ...(options.signing ? { signing: options.signing } : {}) });
  const bot = createBot({
    answerer,
    config: { supportContact: 'Call the support line.' },
    storage: new MemoryStorage(),
    profileOffers: setup.offers,
  });
  return { adapter: new TestAdapter((context) => bot.run(context)), setup };
}

/** The replies to one message, as activities. */
async function reply(adapter: TestAdapter, text: string): Promise<Partial<Activity>[]> {
  await adapter.send(text).startTest();
  return adapter.activeQueue.splice(0);
}

describe('the offer', () => {
  it.each([
    ['imap settings for my iphone', /open it in Safari, then finish in Settings/i],
    ['what are the incoming server settings on my ipad', /Profile Downloaded/],
    ['smtp settings on my mac', /System Settings on a Mac/],
    ['apple mail outgoing server settings', /finish in Settings/],
  ])('"%s" gets a settings answer and the file offered', async (text, words) => {
    const { adapter } = newBot();
    const replies = await reply(adapter, text);
    const card = profileCardOf(replies);
    expect(card).toBeDefined();
    expect(cardText(card!)).toMatch(words);
    expect(cardText(card!)).toMatch(/"Unverified": that only means the file is not signed/);
    expect(cardText(card!)).toMatch(/no password/);
    expect(card!.actions).toEqual([
      {
        type: 'Action.OpenUrl',
        title: 'Download the settings file',
        url: expect.stringMatching(/^https:\/\/bot\.example\.com\/setup\/profile\/[\w-]{32}$/),
      },
    ]);
    // The settings answer itself comes first, unchanged.
    expect(JSON.stringify(replies)).toMatch(/mail\.btinternet\.com/);
  });

  it.each([
    ['imap settings', 'no program named'],
    ['imap settings for outlook', 'a program that reads no such file'],
    ['thunderbird smtp settings', 'Thunderbird (autoconfig instead)'],
    ['error 535 on my iphone', 'an error, not a settings answer'],
    ['should I use imap or pop on my iphone', 'a comparison, not a settings answer'],
    ['pop3 settings for my iphone', 'POP only: the file sets up IMAP'],
  ])('"%s" gets no offer (%s)', async (text) => {
    const { adapter } = newBot();
    const replies = await reply(adapter, text);
    expect(profileCardOf(replies)).toBeUndefined();
  });

  it('says the file is signed, not "Unverified", when a signing identity is set', async () => {
    const keys = forge.pki.rsa.generateKeyPair(1024);
    const cert = forge.pki.createCertificate();
    cert.publicKey = keys.publicKey;
    cert.setSubject([{ name: 'commonName', value: 'Offer test' }]);
    cert.setIssuer([{ name: 'commonName', value: 'Offer test' }]);
    cert.sign(keys.privateKey, forge.md.sha256.create());
    const signing = {
      certificatePem: forge.pki.certificateToPem(cert),
      privateKeyPem: forge.pki.privateKeyToPem(keys.privateKey),
    };
    const { adapter } = newBot({ signing });
    const text = cardText(profileCardOf(await reply(adapter, 'imap settings for my iphone'))!);
    expect(text).toMatch(/It is signed, so Settings can show who it comes from/);
    expect(text).not.toMatch(/Unverified/);
  });

  it.each<[string, string[], boolean]>([
    ['a program named earlier', ["i'm on an iphone", 'imap settings'], true],
    ['a later program replacing it', ['i use my ipad', 'actually its outlook on my laptop', 'smtp settings'], false],
    ['a program named in another conversation', ['imap settings'], false],
  ])('remembers %s', async (_name, messages, offered) => {
    const { adapter } = newBot();
    let replies: Partial<Activity>[] = [];
    for (const m of messages) replies = await reply(adapter, m);
    expect(profileCardOf(replies) !== undefined).toBe(offered);
  });

  it.each<[string, boolean]>([
    ['how do I set up my bt email on my new iphone', true],
    ['first time setting up mail on my macbook, what do i click?', true],
    ['I need my btinternet mail on my new Samsung tablet, what do I tap?', false],
    ['how do i set up my bt email in windows mail', false],
  ])('the first set-up walkthrough offers the file before its steps for Apple Mail only: %p', async (text, offered) => {
    const { adapter } = newBot();
    const replies = await reply(adapter, text);
    const card = profileCardOf(replies);
    expect(card !== undefined).toBe(offered);
    expect(replies.map((r) => r.text ?? '').join('\n')).toMatch(/Step 1 of \d/);
    if (card) expect(cardText(card)).toMatch(/finish in Settings/);
  });

  it('makes no offer without an address the link could start with', async () => {
    const { adapter } = newBot({ baseUrl: undefined });
    expect(profileCardOf(await reply(adapter, 'imap settings for my iphone'))).toBeUndefined();
  });

  it('keeps an address the customer gave with the token, never in the link', async () => {
    const { adapter, setup } = newBot();
    const card = profileCardOf(
      await reply(adapter, 'imap settings for my iphone, my email is jo.bloggs@btinternet.com'),
    );
    const url = card!.actions[0]!.url;
    expect(url).not.toMatch(/bloggs|btinternet/);
    const token = url.slice(url.lastIndexOf('/') + 1);
    expect(setup.links.lookup(token)).toEqual({ kind: 'ok', address: 'jo.bloggs@btinternet.com' });
    expect(cardText(card!)).not.toMatch(/asks for your email address/);
    expect(cardText(card!)).toMatch(/fills in the email address you gave, as the address and as both usernames/);
    expect(cardText(card!)).not.toContain('jo.bloggs');
  });

  it('without an address says Settings will ask for it', async () => {
    const { adapter, setup } = newBot();
    const card = profileCardOf(await reply(adapter, 'imap settings for my iphone'));
    expect(cardText(card!)).toMatch(
      /Settings asks for your email address and username .* type your full email address/,
    );
    const url = card!.actions[0]!.url;
    expect(setup.links.lookup(url.slice(url.lastIndexOf('/') + 1))).toEqual({ kind: 'ok' });
  });

  it("states the knowledge's settings, filled from the servers table", async () => {
    const { adapter } = newBot();
    const text = cardText(profileCardOf(await reply(adapter, 'imap settings for my iphone'))!);
    const { imap, smtp } = provider.servers;
    expect(text).toContain(`${imap.host}, IMAP port ${imap.port} and SMTP port ${smtp.port}`);
    expect(text).not.toMatch(/\{[a-z0-9.]+\}/);
  });
});

describe("the offer's words come from their sources", () => {
  const file = loadOfferFile();
  const sourceText = (name: string) =>
    readFileSync(join(__dirname, '..', 'knowledge', 'sources', name), 'utf8').replace(/\s+/g, ' ');
  const quotes = Object.entries(file.offer).flatMap(([key, s]) =>
    typeof s === 'object' ? s.evidence.map((e) => [key, e.source, e.quote] as const) : [],
  );

  it.each(quotes)('%s: the %s quote "%s" is in its source', (_key, source, quote) => {
    const { file: name } = file.sources[source]!;
    expect(sourceText(name)).toContain(quote.replace(/\s+/g, ' '));
  });

  it.each([
    [
      'a source the file does not list',
      (t: string) => t.replace('source: apple-install', 'source: apple-nowhere'),
      /offer\.iphone\.evidence\.0\.source: got "apple-nowhere"; must be one of/,
    ],
    [
      'a sentence without evidence',
      (t: string) => t.replace(/evidence:\n(\s+- source: bt-help\n\s+quote: .*\n)/, 'evidence: []\n'),
      /offer\.addressGiven\.evidence: got \[\]/,
    ],
    ['a missing button', (t: string) => t.replace(/ {2}button: .*\n/, ''), /offer\.button: got nothing/],
  ])('a broken offer file names the field: %s', (_name, breakIt, problem) => {
    const dir = mkdtempSync(join(tmpdir(), 'offer-'));
    try {
      writeFileSync(join(dir, 'offer.yaml'), breakIt(readFileSync(OFFER_FILE, 'utf8')));
      expect(() => loadOfferFile(join(dir, 'offer.yaml'))).toThrow(problem);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names only programs the lexicon knows', () => {
    const lexicon = parse(readFileSync(join(__dirname, '..', 'knowledge', 'data', 'lexicon.yaml'), 'utf8')) as {
      programs: Record<string, unknown>;
    };
    for (const program of PROFILE_PROGRAMS.keys()) expect(Object.keys(lexicon.programs)).toContain(program);
  });
});
