/** Utterance → search outcome, as a table. Reply wording is tested in answers.test.ts. */
import { createSearcher, type SearchContext, type SearchResult } from '../knowledge/search';
import { loadKnowledgeDir } from '../knowledge/load';

const searcher = createSearcher(loadKnowledgeDir());

function outcome(r: SearchResult): string {
  switch (r.kind) {
    case 'answer':
      if (r.target.type === 'check' || r.target.type === 'check-form') return r.target.type;
      return r.target.type === 'entry'
        ? `entry ${r.target.entry.id}`
        : `settings ${r.target.protocols.join('+')} ${r.target.attributes.join('+') || 'all'}`;
    case 'clarify':
      return `clarify ${r.options.join('+')}`;
    case 'ambiguous':
      return `ambiguous ${r.candidates.map((c) => c.id).join('+')}`;
    case 'none':
      return `none ${r.reason}`;
  }
}

const TABLE: [string, string][] = [
  // one fact, pinned down by slots
  ['what port for smtp', 'settings smtp port'],
  ['smtp port', 'settings smtp port'],
  ['smpt prot', 'settings smtp port'],
  ['sendin port number pls', 'settings smtp port'],
  ['Which port number does the BT outgoing mail server listen on?', 'settings smtp port'],
  ['outgoin port?', 'settings smtp port'],
  ['imap port', 'settings imap port'],
  ['u got the port no. for imap?', 'settings imap port'],
  ['993 or 143 for imap?', 'settings imap port'],
  ['pop3 port number', 'settings pop3 port'],
  ['Which port do I type in for downloading mail by POP3?', 'settings pop3 port'],
  ['someone told me pop uses 110, is that right for bt?', 'settings pop3 port'],
  ['Is 587 right for sending?', 'settings smtp port'],
  ['is port 25 ok for outgoing', 'settings smtp port'],
  ['what ports do I need', 'settings imap+pop3+smtp port'],
  ['imap sever', 'settings imap host'],
  ['name of the imap sever pls', 'settings imap host'],
  ['What do I enter as the SMTP host for btinternet?', 'settings smtp host'],
  ['whats the outgoin sever', 'settings smtp host'],
  ['Is it pop.btinternet.com for incoming mail?', 'settings imap+pop3 host'],
  ['mail server for talk21', 'settings imap+pop3+smtp host'],
  // A host typed alone names its protocol by its first label (issue 13, reading): SMTP's server is checked.
  ['is smtp.btinternet.com right', 'settings smtp host'],
  ['does the pop connection have to be encrypted', 'settings pop3 encryption'],
  ['is STARTTLS ok on the outgoing?', 'settings smtp encryption'],
  ['ssl or tls for imap', 'settings imap encryption'],
  ['what encryption setting', 'settings imap+pop3+smtp encryption'],
  ['My mail app offers TLS, STARTTLS or none for the incoming server. Which one?', 'settings imap+pop3 encryption'],
  ["What's the login name for BT mail in Thunderbird?", 'settings imap+pop3+smtp username'],
  ['do i just put sarah.jones as the username or the whole thing', 'settings imap+pop3+smtp username'],
  ['user name for imap', 'settings imap username'],
  ['Which password is needed for sending mail?', 'settings smtp password'],
  ['what login details go in?', 'settings imap+pop3+smtp username+password'],
  ['what auth mechanism for outgoing - plain?', 'settings smtp authentication'],
  ['Is SMTP authentication compulsory on BT Email?', 'settings smtp authentication'],
  ['imap authentication method', 'settings imap authentication'],
  ['what character separates folders on bt imap', 'settings imap separator'],
  ['folder delimiter', 'settings imap separator'],
  ['Do I need to fill in the IMAP root folder?', 'settings imap rootfolder'],
  ['imap path prefix', 'settings imap rootfolder'],
  ['what special folders does BT suggest for IMAP clients', 'settings imap folders'],
  ['where does POP3 collect messages from by default', 'settings pop3 popfolder'],
  ['which folder does pop download from', 'settings pop3 popfolder'],
  ["I'm on IMAP - need both the in and out port numbers", 'settings imap+smtp port'],
  ['incoming server name and port please', 'clarify imap+pop3'],
  ['incoming port', 'clarify imap+pop3'],
  ['imcoming port', 'clarify imap+pop3'],
  // whole blocks
  ['imap settings', 'settings imap all'],
  ['all the IMAP settings please', 'settings imap all'],
  ['list the pop settings and smtp settings please', 'settings pop3+smtp all'],
  ['Can I have the complete IMAP plus SMTP config for btinternet?', 'settings imap+smtp all'],
  ['recieve settings', 'settings imap+pop3 all'],
  ['smtp', 'settings smtp all'],
  ['imap', 'settings imap all'],
  // topics
  ['How do IMAP and POP3 differ?', 'entry imap-vs-pop'],
  ['imap vs pop', 'entry imap-vs-pop'],
  ['is imap the better choice?', 'entry imap-vs-pop'],
  ['I check mail on webmail and in Outlook - which protocol suits me?', 'entry imap-vs-pop'],
  ['deleted stuff on my phone still shows in webmail, why', 'entry imap-vs-pop'],
  ['what happens to webmail if I use pop3 in my email program', 'entry imap-vs-pop'],
  ['how can I find out which protocol my mail program uses, pop or imap?', 'entry which-protocol'],
  ['am i on pop or imap', 'entry which-protocol'],
  ['the ssl bit is confusing me, explain?', 'entry why-ssl'],
  ['what is ssl', 'entry why-ssl'],
  ['why do I need SSL', 'entry why-ssl'],
  ['why do i need smtp authentication', 'entry smtp-auth'],
  ["Where's the option for smtp auth usually, what's the box called?", 'settings smtp authentication'],
  ['my mail program wants to know about secure password authentication - yes or no?', 'entry spa'],
  ["with SPA switched on I can't log in to bt mail from my PC", 'entry spa'],
  ['help me migrate from pop to imap', 'entry pop-to-imap'],
  ['steps to change a pop3 account to imap on iphone', 'entry pop-to-imap'],
  ['can we do the imap changeover', 'entry pop-to-imap'],
  ['set up imap rather than pop on my macbook', 'entry pop-to-imap'],
  ["I'd like webmail and my laptop to stay in step, how do I move my account over to IMAP?", 'entry pop-to-imap'],
  ["outlook won't send anything", 'entry cannot-send'],
  ['emails stuck in my outbox', 'entry cannot-send'],
  ['not receiving any emails in thunderbird', 'entry cannot-receive'],
  // one side works and the other fails: the failing side decides
  ["my password is Hunter22 and it doesn't work", 'entry password-rejected'],
  ["I can receive but can't send emails", 'entry cannot-send'],
  ["I can't get my mail from the server", 'entry cannot-receive'],
  ["I can't get emails on my phone", 'entry cannot-receive'],
  ["since BT changed something my outlook won't connect to the server", 'entry cannot-receive'],
  ["outlook says it can't connect to the outgoing smtp server", 'entry cannot-send'],
  // a sign-in failing beats the list of settings it names
  [
    "My wife's iPad stopped sending, it says the user name or password for mail.btinternet.com is incorrect",
    'entry password-rejected',
  ],
  ["I keep getting asked for my password on my iphone, I've checked it's right in webmail", 'entry password-rejected'],
  // where POP takes mail from; mail gone from the server is POP's doing
  ['where does pop download emails from', 'settings pop3 popfolder'],
  ['which folder does pop3 take mail from', 'settings pop3 popfolder'],
  ['my emails keep disappearing from the server', 'entry imap-vs-pop'],
  // is POP good enough, why IMAP: the comparison
  ['I only use one computer, is pop fine?', 'entry imap-vs-pop'],
  ['why would I pick imap', 'entry imap-vs-pop'],
  ['will my phone and laptop stay in sync with pop', 'entry imap-vs-pop'],
  ['should I stick with pop', 'entry imap-vs-pop'],
  // a protocol explained: SMTP by its definition, IMAP or POP the comparison
  ['what does smtp mean', 'entry what-is-smtp'],
  ['explain imap', 'entry imap-vs-pop'],
  ['why imap', 'entry imap-vs-pop'],
  ["my mail program asks for a 'server type' what do I pick", 'entry imap-vs-pop'],
  ["I'm on Thunderbird and moving to IMAP — which settings are different?", 'entry settings-that-change'],
  ['what changes when I switch to imap', 'entry settings-that-change'],
  ['can I just change the server type from pop to imap in the settings', 'entry convert-in-place'],
  ["what's the imap server if I switch from pop", 'settings imap+pop3 host'],
  ['what account type should I choose', 'entry imap-vs-pop'],
  ["sent emails aren't showing in webmail", 'entry imap-vs-pop'],
  ["emails I send from outlook don't appear in webmail sent folder", 'entry imap-vs-pop'],
  ['do I need to delete the pop account?', 'entry remove-pop'],
  ['emails vanish from the server after outlook downloads them', 'entry imap-vs-pop'],
  // Issue 15: getting mail onto a device is the first-setup walkthrough; accessing it there is still the settings
  ['how do I get my emails from bt on my new phone', 'settings imap all'],
  ['can I access my email on my laptop', 'settings imap all'],
  ['I want to add my bt email to my iphone', 'entry first-setup'],
  ['can send fine but not receive', 'entry cannot-receive'],
  ['emails not sending but receiving fine', 'entry cannot-send'],
  ["I can send emails but I'm not receiving any", 'entry cannot-receive'],
  ["I'm not getting any emails", 'entry cannot-receive'],
  ["emails won't go out", 'entry cannot-send'],
  ['I get new messages fine but mine are not going out', 'entry cannot-send'],
  ['is btopenworld the same as btinternet', 'entry addresses'],
  // errors
  ["What's a 530 error?", 'entry error-530'],
  ["laptop says '530 access denied - please log in' when I send", 'entry error-530'],
  ['The server responded: 530 5.7.0 Authentication required', 'entry error-530'],
  ['530 must issue a STARTTLS command first', 'entry error-530-starttls'],
  ['keep getting smtp error 530 on my samsung phone', 'entry error-530'],
  ['error 535', 'entry error-535'],
  ['535 5.7.8 authentication credentials invalid', 'entry error-535'],
  ['what does 534 mean', 'entry error-534'],
  ['538 encryption required', 'entry error-538'],
  ['454 temporary authentication failure', 'entry error-454'],
  ['bounce with 554 transaction failed', 'entry error-550'],
  ['550 relay not permitted', 'entry error-550'],
  ["Task 'btinternet - Sending' reported error (0x800CCC0F)", 'entry cannot-send'],
  ['error 421 when sending', 'entry cannot-send'],
  ['error 0x800ccc0e, receiving is fine but sending fails', 'entry cannot-send'],
  // an error's text without its number
  ["the server says 'mailbox unavailable'", 'entry error-550'],
  ["I get 'relay access denied' when sending", 'entry error-550'],
  ['bounce says transaction failed', 'entry error-550'],
  ['authentication credentials invalid', 'entry error-535'],
  ["Your message wasn't delivered because the recipient's email provider rejected it", 'entry error-550'],
  // a reply pasted in starts with its code; an enhanced status code stands for its reply code
  ['451 temporary local problem', 'entry cannot-send'],
  ['SMTP error 5.7.1', 'entry error-550'],
  ['what does 5.7.0 mean', 'entry error-530'],
  ['5.7.8 error', 'entry error-535'],
  ['error 554 5.7.1 spam', 'entry error-550'],
  ['The connection to the server failed (iPhone)', 'entry cannot-receive'],
  ['error 0x800ccc0f and I can send but not receive', 'entry cannot-receive'],
  // out of scope and nothing found
  ['', 'none empty'],
  ['   ', 'none empty'],
  ['😀🙂', 'none empty'],
  ['?!', 'none empty'],
  ['yahoo mail imap server?', 'none other-provider'],
  ['whats the smtp port for office 365', 'none other-provider'],
  ['gmail smtp port', 'none other-provider'],
  ['Exchange port', 'none other-provider'],
  ['hotmail.com settings', 'none other-provider'],
  ['icloud imap server', 'none other-provider'],
  ['Why is my wifi so slow tonight?', 'none other-product'],
  ['my broadband keeps dropping', 'none other-product'],
  ['bt tv not working', 'none other-product'],
  ["I've forgotten my btinternet password, can you tell me what it is?", 'none password'],
  ['reset my password', 'none password'],
  ['can you check my account', 'none account'],
  ['can you tell me my account number', 'none account'],
  ['how do I pay my bill', 'none account'],
  ['delete my emails', 'none not-covered'],
  // whether the service is up: nothing here can see that, so no "Yes — mail.btinternet.com is right"
  ['is mail.btinternet.com down', 'none service-status'],
  ['is bt email down right now?', 'none service-status'],
  ['is there an outage', 'none service-status'],
  ["what's the max attachment size", 'none not-covered'],
  ['delete my bt account', 'none account'],
  ['how big can my mailbox be, storage limit?', 'none not-covered'],
  ['my account has been hacked', 'none account'],
  ['Who won the football last night?', 'none no-match'],
  ['tell me a joke', 'none no-match'],
  ['hey there', 'none no-match'],
  ["cheers, that's sorted it", 'none no-match'],
  // symptoms, explanations and implied protocols
  ['Can I use port 587 with STARTTLS?', 'settings smtp port+encryption'],
  ['is 143 ok', 'settings imap port'],
  ['what is IMAP?', 'entry what-are-imap-pop'],
  ['Outlook keeps asking for my password', 'entry password-rejected'],
  ["I get 'authentication failed' when sending", 'entry password-rejected'],
  ['my emails are disappearing from webmail', 'entry imap-vs-pop'],
  ['what is the password for smtp', 'settings smtp password'],
  ['Which is more secure, POP or IMAP?', 'entry protocol-security'],
  ['My wife reckons we should be on IMAP rather than POP. Is she right?', 'entry imap-vs-pop'],
  ['Is there any risk of losing emails if I stick with POP3?', 'entry imap-vs-pop'],
  ['If I move my account from POP to IMAP will I lose the emails already on my computer?', 'entry keep-local-mail'],
  ['Can I just flip the account type from POP to IMAP in the existing account settings?', 'entry convert-in-place'],
  ['Do I need to get rid of the POP account on my other laptop too?', 'entry remove-pop'],
  ['pop to imap walkthrough please', 'entry pop-to-imap'],
  ['pop to imap', 'entry pop-to-imap'],
  ['switch to imap', 'entry pop-to-imap'],
  ['Not sure if my laptop downloads by POP or IMAP – where would it tell me?', 'entry which-protocol'],
  ['my drop-down gives me PLAIN, LOGIN or CRAM-MD5. Which one do I pick?', 'settings smtp authentication'],
  ['do I need to tick anything special for the outgoing server?', 'settings smtp all'],
  ['For the password field, which password is it meant to be?', 'settings imap+pop3+smtp password'],
  ['Can you recommend a good curry house in Leeds?', 'none no-match'],
  ["I don't use IMAP, I use POP — what's the incoming port?", 'settings pop3 port'],
  ['Are the incoming and outgoing servers the same thing for BT email?', 'settings imap+pop3+smtp host'],
  ['iPhone on iOS 17 - I want my btinternet account on IMAP not POP', 'entry pop-to-imap'],
  ['hw do i go frm pop 2 imap on my android', 'entry pop-to-imap'],
  ['whats the diff between pop and imap in plain english, im not techy', 'entry imap-vs-pop'],
  ["I don't want my phone and webmail getting out of step. POP or IMAP?", 'entry imap-vs-pop'],
  [
    'how do I stop all this junk mail getting into my btinternet inbox, can I turn up the spam filter',
    'none not-covered',
  ],
  ['what do I put as the username in the new account', 'settings imap+pop3+smtp username'],
  ["what's the imap server and do I need ssl", 'settings imap host+encryption'],
  ['what should the sent folder be called in my email program so it matches bt webmail?', 'settings imap folders'],
  ['if I use POP will it pull down my spam folder too or what?', 'settings pop3 popfolder'],
  ['my old address is @btclick.com, same settings as btinternet?', 'none other-provider'],
  [
    'Going over to IMAP. Will the emails I already downloaded with POP just show up in webmail?',
    'entry keep-local-mail',
  ],
  ['Is POP just the same as IMAP with different port numbers?', 'entry imap-vs-pop'],
  // in scope despite naming another company's app
  ['my btinternet mail is on POP in the gmail app on android, I want IMAP now', 'entry pop-to-imap'],
  ['imap port for bt email in the gmail app', 'settings imap port'],
];

describe('search outcomes', () => {
  it.each(TABLE)('%j → %s', (utterance, expected) => {
    expect(outcome(searcher.search(utterance))).toBe(expected);
  });

  it.each<[string, SearchContext, string]>([
    ['and incoming?', { protocol: 'smtp', attributes: ['host'] }, 'settings imap+pop3 host'],
    ['and incoming?', { protocol: 'imap', attributes: ['port'] }, 'settings imap port'],
    ['is it the same for imap?', { protocol: 'pop3', attributes: ['port'] }, 'settings imap port'],
    ['how do I switch', { protocol: 'pop3' }, 'entry pop-to-imap'],
    ['how do I change over?', { lastEntryId: 'imap-vs-pop' }, 'entry pop-to-imap'],
    ['how do I switch', { lastEntryId: 'which-protocol' }, 'entry pop-to-imap'],
    ['how do I switch', {}, 'none no-match'],
    ['how do I change the port', { protocol: 'pop3' }, 'settings pop3 port'],
  ])('in context, %j (%j) → %s', (utterance, context, expected) => {
    expect(outcome(searcher.search(utterance, context))).toBe(expected);
  });

  it('uses the conversation context for an unresolved incoming question', () => {
    expect(outcome(searcher.search('incoming server name and port please', { protocol: 'imap' }))).toBe(
      'settings imap host+port',
    );
    expect(outcome(searcher.search('what port?', { protocol: 'imap' }))).toBe('settings imap port');
    expect(outcome(searcher.search('what port for sending?', { protocol: 'imap' }))).toBe('settings smtp port');
    expect(outcome(searcher.search('what about if I used pop instead', { attributes: ['port'] }))).toBe(
      'settings pop3 port',
    );
    expect(outcome(searcher.search("it's Thunderbird", { lastEntryId: 'error-530' }))).toBe('entry error-530');
    expect(outcome(searcher.search("it's Thunderbird", { lastEntryId: 'cannot-send' }))).toBe('settings smtp all');
    expect(outcome(searcher.search("it's Thunderbird"))).toBe('settings imap all');
    const walk = { protocol: 'imap', walkthrough: 'pop-to-imap' } as const;
    expect(outcome(searcher.search('before I go on, will I lose any emails doing this?', walk))).toBe(
      'entry keep-local-mail',
    );
    expect(outcome(searcher.search('does the POP account need taking off the phone as well?', walk))).toBe(
      'entry remove-pop',
    );
    expect(outcome(searcher.search('what are the incoming settings', walk))).toBe('settings imap all');
    expect(outcome(searcher.search('do I have to delete the old one?', walk))).toBe('entry remove-pop');
  });

  it.each([
    ['x'.repeat(10_000)],
    ['smtp port '.repeat(1000)],
    ['🙂'.repeat(5000)],
    ['\u0000\uffff'],
    ['530 '.repeat(3000)],
  ])('never throws on hostile input (%#)', (input) => {
    expect(() => searcher.search(input)).not.toThrow();
  });
});
