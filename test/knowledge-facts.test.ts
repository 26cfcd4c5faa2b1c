/** Every fact in the knowledge base, checked against the source text it cites. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadKnowledgeDir, projectRoot } from '../knowledge/load';
import { PROTOCOLS } from '../knowledge/schema';

const sourcesDir = join(projectRoot(__dirname), 'knowledge', 'sources');
const normaliseText = (t: string) =>
  t
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
const read = (file: string) => normaliseText(readFileSync(join(sourcesDir, file), 'utf8'));
const provider = loadKnowledgeDir().providers[0]!;

/** The text of a cited source, from the file in knowledge/sources/ it names. */
function sourceText(sourceId: string): string {
  return read(provider.sources[sourceId]?.file ?? `${sourceId} names no file`);
}

/** How each server field's value must show in its evidence quote. */
const VALUE_IN_QUOTE: Record<string, (value: unknown) => RegExp> = {
  host: (v) => new RegExp(String(v).replace(/\./g, '\\.')),
  port: (v) => new RegExp(`\\b${String(v)}\\b`),
  encryption: (v) => (v === 'ssl' ? /\bSSL\b/ : /$^/),
  authentication: (v) => (v === 'normal password' ? /password-cleartext/ : new RegExp(`\\b${String(v)}\\b`)),
  authenticationRequired: () => /require/,
  authenticationSetting: (v) => new RegExp(`"${String(v)}"`),
  folderSeparator: (v) => (v === '.' ? /\. \(full stop\)/ : /$^/),
  rootFolder: (v) => (v === '' ? /Root folder\/path:$/ : /$^/),
  folders: (v) => new RegExp((v as string[]).join(' ')),
  popFolder: (v) => new RegExp(String(v), 'i'),
};

const serverRows = PROTOCOLS.flatMap((p) =>
  Object.entries(provider.servers[p].evidence).map(([field, quote]) => ({
    p,
    field,
    quote,
    value: (provider.servers[p] as Record<string, unknown>)[field],
    sources: provider.servers[p].sources,
  })),
);

describe('knowledge facts against their sources', () => {
  it.each(Object.entries(provider.sources))('source %s names its text in knowledge/sources', (_id, source) => {
    expect(source.file).toBeDefined();
    expect(existsSync(join(sourcesDir, source.file!))).toBe(true);
  });

  it('keeps the BT Help page with its URL', () => {
    const page = read('bt-email-settings.txt');
    expect(page).toContain(provider.sources['bt-help']!.url);
    expect(page).toContain('IMAP settings Incoming Mail Server: mail.btinternet.com');
  });

  it.each(serverRows)(
    '$p.$field: the quote is in a cited source and holds the value',
    ({ field, quote, value, sources }) => {
      const inSource = sources.some((s) => sourceText(s).includes(normaliseText(quote)));
      expect(inSource).toBe(true);
      const pattern = VALUE_IN_QUOTE[field];
      expect(pattern).toBeDefined();
      expect(normaliseText(quote)).toMatch(pattern!(value));
    },
  );

  it.each(PROTOCOLS.map((p) => [p]))('%s: every setting has evidence', (p) => {
    const server = provider.servers[p];
    const fields = ['host', 'port', 'encryption', 'authentication'].concat(
      Object.keys(VALUE_IN_QUOTE).filter(
        (f) => f in server && !['host', 'port', 'encryption', 'authentication'].includes(f),
      ),
    );
    expect(Object.keys(server.evidence).sort()).toEqual(fields.sort());
  });

  it.each(provider.entries.flatMap((e) => e.evidence.map((quote) => ({ id: e.id, source: e.source, quote }))))(
    'entry $id: quote is in its source ($source)',
    ({ source, quote }) => {
      expect(sourceText(source)).toContain(normaliseText(quote));
    },
  );

  it.each(provider.walkthroughs.flatMap((w) => w.evidence.map((quote) => ({ id: w.id, source: w.source, quote }))))(
    'walkthrough $id: quote is in its source ($source)',
    ({ source, quote }) => {
      expect(sourceText(source)).toContain(normaliseText(quote));
    },
  );

  // Issue 15 (checker): what a wrong value does (it cannot work, or is merely old) is quoted from its source.
  it.each(provider.checker.filter((r) => r.effect).map((r) => [`${r.field} ${r.shown}`, r.source!, r.evidence!]))(
    'checker %s: quote is in %s',
    (_rule, source, quote) => {
      expect(sourceText(source)).toContain(normaliseText(quote));
    },
  );

  it.each(Object.entries(provider.account.evidence))('account.%s: quote is in the BT Help page', (_field, quote) => {
    expect(sourceText(provider.account.source)).toContain(normaliseText(quote));
  });

  it('domains come from the ISPDB entry, and btclick.com is not claimed', () => {
    const line = sourceText(provider.provider.domainsSource).match(/Domains: ([^.]+\.[^.]+\.[^.]+\.[a-z]+)/)?.[1] ?? '';
    for (const d of provider.provider.domains) expect(line).toContain(d);
    expect(provider.provider.domains).not.toContain('btclick.com');
  });

  it('every source the knowledge cites has a public URL', () => {
    for (const s of Object.values(provider.sources)) expect(s.url).toMatch(/^https:\/\//);
  });
});
