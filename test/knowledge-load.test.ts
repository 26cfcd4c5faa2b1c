import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAnswerer } from '../knowledge';
import { DEFAULT_KNOWLEDGE_DIR, KnowledgeError, loadKnowledgeDir, parseKnowledge } from '../knowledge/load';

const shipped = readFileSync(join(DEFAULT_KNOWLEDGE_DIR, 'bt-email.yaml'), 'utf8');
const fixture = join(__dirname, 'fixtures', 'second-provider', 'example-mail.yaml');

function problemsOf(text: string): string[] {
  try {
    parseKnowledge([{ file: 'broken.yaml', text }]);
  } catch (err) {
    if (err instanceof KnowledgeError) return err.problems.map((p) => `${p.file}|${p.path}|${p.value}|${p.allowed}`);
    throw err;
  }
  return [];
}

describe('loading knowledge', () => {
  it('loads the shipped BT Email file with every entry', () => {
    const kb = loadKnowledgeDir();
    expect(kb.providers.map((p) => p.provider.id)).toEqual(['bt-email']);
    expect(kb.providers[0]?.entries.length).toBeGreaterThanOrEqual(15);
  });

  it('reports every problem at once, naming file, path, value and what is allowed', () => {
    const broken = shipped
      .replace('port: 993', 'port: 99999')
      .replace('encryption: ssl\n    authentication: PLAIN', 'encryption: tls-ish\n    authentication: PLAIN')
      .replace('source: mozilla-pop-imap', 'source: nowhere')
      .replace('followUps: [pop-to-imap, which-protocol]', 'followUps: [pop-to-imap, no-such-entry]');
    const problems = problemsOf(broken);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^broken\.yaml\|servers\.imap\.port\|99999\|.*65535/),
        expect.stringMatching(/^broken\.yaml\|servers\.smtp\.encryption\|"tls-ish"\|.*ssl/),
      ]),
    );
    expect(problems).toHaveLength(2);
  });

  it('reports broken references once the shape is right', () => {
    const broken = shipped
      .replace('source: mozilla-pop-imap', 'source: nowhere')
      .replace('followUps: [pop-to-imap, which-protocol]', 'followUps: [pop-to-imap, no-such-entry]')
      .replace('(port {smtp.port}), not STARTTLS', '(port {smtp.speed}), not STARTTLS');
    const problems = problemsOf(broken);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/entries\.\d+\.source\|"nowhere"\|must be one of: bt-help/),
        expect.stringMatching(/entries\.0\.followUps\.1\|"no-such-entry"\|must be an entry id/),
        expect.stringMatching(/entries\.2\.answer\|\{smtp\.speed\}\|placeholders are/),
      ]),
    );
    expect(problems).toHaveLength(3);
  });

  it.each([
    ['unreadable YAML', 'version: [1', /unreadable YAML/],
    ['an empty file', '', /\|null\|.*expected object/],
    ['a wrong version', shipped.replace('version: 1', 'version: 2'), /version\|2\|/],
  ])('rejects %s with a clear problem', (_name, text, pattern) => {
    expect(problemsOf(text).join('\n')).toMatch(pattern);
  });

  it('refuses an empty folder with a KnowledgeError', () => {
    expect(() => loadKnowledgeDir(mkdtempSync(join(tmpdir(), 'kb-')))).toThrow(KnowledgeError);
  });

  it('takes a second provider as a new data file, with no code change', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kb-'));
    copyFileSync(join(DEFAULT_KNOWLEDGE_DIR, 'bt-email.yaml'), join(dir, 'bt-email.yaml'));
    copyFileSync(fixture, join(dir, 'example-mail.yaml'));
    const answerer = createAnswerer(loadKnowledgeDir(dir));
    expect(answerer.ask('smtp port for my example.org address').reply.text).toMatch(/\b2465\b/);
    expect(answerer.ask('what is the smtp port').reply.text).toMatch(/\b465\b/);
    expect(answerer.ask('imap server for name@example.org').reply.text).toMatch(/imap\.example\.org/);
  });

  it('refuses two providers claiming one domain', () => {
    const text = readFileSync(fixture, 'utf8').replace('domains: [example.org]', 'domains: [btinternet.com]');
    expect(() =>
      parseKnowledge([
        { file: 'bt-email.yaml', text: shipped },
        { file: 'other.yaml', text },
      ]),
    ).toThrow(/each domain belongs to one provider/);
  });
});
