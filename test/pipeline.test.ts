/** The search pipeline, stage by stage. */
import { applySynonyms } from '../knowledge/pipeline';
import { normalise } from '../knowledge/normalise';
import { createSpellingCorrector, damerauLevenshtein } from '../knowledge/spelling';
import { extractSlots } from '../knowledge/slots';
import { createSearcher } from '../knowledge/search';
import { loadKnowledgeDir } from '../knowledge/load';

describe('normalise', () => {
  it.each([
    ["What's the E-mail SMTP port no.?", 'whats the email smtp port no'],
    ['Is it pop.btinternet.com?', 'is it pop.btinternet.com'],
    ['<img src=x onerror=alert(1)> hello', 'hello'],
    ['SSL/TLS or Start-TLS', 'ssl or starttls'],
    ['I’ve got sarah.jones@btinternet.com', 'ive got sarah.jones@btinternet.com'],
    ['Synchronise my e mail', 'sync my email'],
    ['POP 3 and IMAP4', 'pop3 and imap'],
    ['😀😀  ', ''],
    ['   ', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalise(input)).toBe(expected);
  });

  it('reads at most 4,000 characters of a long paste', () => {
    expect(normalise('smtp '.repeat(5000)).length).toBeLessThanOrEqual(4000);
  });
});

describe('phrase synonyms', () => {
  it.each([
    ['outgoing server port', 'smtp server port'],
    ['sending mail', 'smtp mail'],
    ['incoming mail server', 'incoming server'],
    ['receiving', 'incoming'],
    ['secure password authentication', 'spa'],
    ['login name', 'username'],
    ['login details', 'username password'],
    ['the in and out port numbers', 'the incoming smtp port'],
    ['root folder', 'rootfolder'],
    ['pop', 'pop3'],
    ['pop.btinternet.com', 'pop.btinternet.com'],
  ])('%j → %j', (input, expected) => {
    expect(applySynonyms(input)).toBe(expected);
  });
});

describe('spelling correction against the knowledge vocabulary', () => {
  const speller = createSpellingCorrector([
    'smtp',
    'port',
    'server',
    'receive',
    'authentication',
    'thunderbird',
    'show',
    'host',
    'settings',
  ]);
  it.each([
    ['smpt', 'smtp'],
    ['prot', 'port'],
    ['sever', 'server'],
    ['recieve', 'receive'],
    ['authentification', 'authentication'],
    ['thunderbid', 'thunderbird'],
    ['slow', 'slow'],
    ['most', 'most'],
    ['football', 'football'],
    ['993', '993'],
    ['pls', 'pls'],
  ])('%s → %s', (word, expected) => {
    expect(speller.correct([word])).toEqual([expected]);
  });

  it.each([
    ['smtp', 'smpt', 1],
    ['server', 'sever', 1],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
  ])('distance(%s, %s) = %i', (a, b, d) => {
    expect(damerauLevenshtein(a, b)).toBe(d);
  });
});

describe('slot extraction', () => {
  const codes = new Set(['530', '535', '534', '538', '454', '550', '554']);
  const domains = ['btinternet.com', 'btopenworld.com', 'talk21.com'];
  const searcher = createSearcher(loadKnowledgeDir());
  const slotsOf = (text: string) => extractSlots(searcher.canonical(text), codes, domains);

  it.each([
    ['what port for smtp', { protocols: ['smtp'], attributes: ['port'] }],
    ['outgoing server port', { protocols: ['smtp'], attributes: ['host', 'port'] }],
    ['incoming port', { protocols: [], incoming: true, attributes: ['port'] }],
    ['993 or 143 for imap?', { protocols: ['imap'], attributes: ['port'], form: 'choice' }],
    ['is 587 right?', { attributes: ['port'], form: 'yesno', proposed: expect.objectContaining({ ports: [587] }) }],
    ['is it pop.btinternet.com', { proposed: expect.objectContaining({ hosts: ['pop.btinternet.com'] }) }],
    ['error 530 in outlook', { errorCodes: ['530'], program: 'Outlook' }],
    ['0x800CCC0F when sending', { unknownError: true, protocols: ['smtp'] }],
    ['samsung galaxy', { program: 'Samsung Email' }],
    ['my talk21 address', { domains: ['talk21.com'] }],
    ['switch from pop to imap', { switchToImap: true, protocols: ['pop3', 'imap'] }],
    ['secure password authentication?', { spa: true }],
    ['what login details', { attributes: ['username', 'password'] }],
    ['imap settings please', { wholeBlock: true, protocols: ['imap'] }],
  ])('%j', (text, expected) => {
    expect(slotsOf(text)).toMatchObject(expected);
  });
});
