/**
 * Issue 13 §2 (context, more): one side's settings asked for with some items named is that
 * side's whole block; fragments after an answer ("login?", "drafts?", "what about deleted?",
 * "should SPA be off?"); requests to see or check a password, typed or not; and a yes or no
 * about a value the customer states. The bot's whole reply (text, card and buttons) is checked.
 */
import { expectReply as checkReply, type ReplyCase } from './helpers/talk';

const NOT_SURE = /not sure about that|Did you mean/;
const CARD = /AdaptiveCard/;
const SMTP_BLOCK = /mail\.btinternet\.com[\s\S]*465[\s\S]*SSL/;
const IMAP_BLOCK = /mail\.btinternet\.com[\s\S]*993[\s\S]*SSL/;
const POP_BLOCK = /mail\.btinternet\.com[\s\S]*995[\s\S]*SSL/;
const USERNAME = /full email address/;
const PASSWORD = /BT Email password/;
const DECLINE = /can't see, check or give out|can't see or give out any password/;
const WARNING = /Please don't share your password/;

type Case = ReplyCase;

const expectReply = (c: Case): Promise<string> => checkReply(c, NOT_SURE);

describe("1. one side's settings with some items named: the whole side, server included", () => {
  it.each<Case>([
    [['what is the settings for send mail in my Thunderbird, the port and the security?'], SMTP_BLOCK],
    [['outgoing settings pls - port and encryption'], SMTP_BLOCK],
    [['what are the incoming imap settings, port and ssl'], IMAP_BLOCK, /Yes —/],
    [['pop3 settings please the port and the encryption type'], POP_BLOCK],
    [['smtp settings port and security'], SMTP_BLOCK],
    [['i need the sending settings for outlook, port and what encryption'], SMTP_BLOCK],
    [['can u send me the outgoing server settings port n ssl etc'], SMTP_BLOCK],
    [['whats the imap setup - port, encryption?'], IMAP_BLOCK],
    [['my outlook wants the incoming details for pop, port and security type'], POP_BLOCK],
    [['SMTP config: port + encryption pls'], SMTP_BLOCK],
    [['Please could you give me the settings for receiving emails with IMAP (port and SSL)'], IMAP_BLOCK],
    [['sending mail settings?? the port number and encryption'], SMTP_BLOCK],
    [['hiya wot r the settings for outgoing on my ipad, port and that'], SMTP_BLOCK],
    [['Could you provide the SMTP configuration (port, encryption method)?'], SMTP_BLOCK],
    [['thunderbird asking me for incoming settings - port and security??'], /993[\s\S]*995/],
    [['settings for the outgoing server: port? ssl?'], SMTP_BLOCK],
    [['whats the pop settings for port and encryption'], POP_BLOCK],
    [['I am needing the configuration of sending email, which port and which security'], SMTP_BLOCK],
    [['SMTP SETTINGS!!! PORT AND ENCRYPTION. NOW.'], SMTP_BLOCK],
    [['What are the SMTP settings? I need the port and encryption.'], SMTP_BLOCK],
    [['Please to give me outgoing server setting, port and security'], SMTP_BLOCK],
    [['smtp setting: port and security pls'], SMTP_BLOCK],
    [['imap email setting port ssl?'], IMAP_BLOCK],
    [['need incoming mail setting port + encryption for my samsung'], /993[\s\S]*995/],
    [['so what are the incoming settings? port? encryption? username?'], /993[\s\S]*995/],
    [["Hi, I'm setting up Outlook. What are the outgoing settings - the port and the security type?"], SMTP_BLOCK],
  ])('%j', async (...c) => {
    expect(await expectReply(c)).toMatch(CARD);
  });

  it.each<Case>([
    // One precise question still gets a short answer.
    [['which port for smtp?'], /\b465\b/, CARD],
    [['what is the imap port'], /\b993\b/, CARD],
    [['what encryption does pop3 use'], /SSL/, CARD],
    [['what port setting for imap'], /\b993\b/, CARD],
    [['is the smtp port setting 465'], /Yes — port 465/, CARD],
    [['what port does outgoing mail use'], /\b465\b/, CARD],
    [['what is the smtp setting for the port'], /\b465\b/, CARD],
    [['what smtp setting do i need for encryption'], /SSL[\s\S]*465/, CARD],
    [['what is the imap port and ssl'], /\b993\b[\s\S]*SSL/, /Yes —|AdaptiveCard/],
    [['smtp port?'], /\b465\b/, CARD],
    // SSL names the setting here: no "Yes" to a question never asked.
    [['which ssl setting for imap'], /SSL[\s\S]*993/, /Yes —|AdaptiveCard/],
    [['what security setting do i pick for pop'], /SSL[\s\S]*995/, CARD],
    [['imap settings', 'and for outgoing? port and ssl'], /\b465\b[\s\S]*SSL/, /Yes —|\b993\b/],
    [['is it the right password for outgoing too'], PASSWORD, DECLINE],
    [['what password should i use for smtp'], PASSWORD, DECLINE],
    [['whats the password for the btinternet server'], PASSWORD, DECLINE],
  ])('a precise question: %j', async (...c) => expectReply(c));
});

describe('2. fragments read against the last answer', () => {
  it.each<Case>([
    [['imap settings', 'login?'], /full email address[\s\S]*BT Email password/],
    [['imap server', 'username?'], USERNAME],
    [['whats the imap server', 'and the password bit?'], PASSWORD],
    [['imap port', 'login details?'], USERNAME],
    [['pop3 settings', 'and the login'], USERNAME],
    [['whats the incoming server for pop', 'log in?'], /full email address[\s\S]*BT Email password/],
    [['imap settings', 'and what do i log in with'], USERNAME],
    [['pop settings', 'and the sent folder?'], /Inbox/],
    [['imap settings', 'drafts?'], /Drafts/],
    [['imap settings', 'what about deleted?'], /Trash/],
    [['imap server', 'wot about the deleted items folder'], /Trash/],
    [['pop3 port', 'drafts?'], /Inbox/],
    [['imap settings', 'and sent?'], /Sent Items/],
    [['imap port', 'n the bin folder?'], /Trash/],
    [['imap server please', 'login and password?'], /full email address[\s\S]*BT Email password/],
    [['pop3 settings', 'what do i sign in with'], /full email address[\s\S]*BT Email password/],
    [['imap settings', 'the login name is what?'], USERNAME],
    [['imap settings', 'wat do i put as user'], USERNAME],
    [['imap settings', 'password which one?'], PASSWORD],
    [['imap settings', 'i cant login'], /keeps asking for your password[\s\S]*full email address/],
    [['smtp settings', 'and the sent folder?'], /Sent Items/],
    [['pop3 settings', 'what about trash'], /Inbox[\s\S]*Trash/],
    [['outgoing settings pls - port and encryption', 'and for incoming?'], /\b993\b[\s\S]*\b995\b/, /can't fetch/],
    [['smtp settings', 'what about incoming'], /\b993\b[\s\S]*\b995\b/, /can't fetch/],
    [['switch pop to imap', 'Outlook', 'login?'], /full email address[\s\S]*BT Email password[\s\S]*Step 2 of 6/],
    [['pop3 server', 'what do i log on with?'], /full email address[\s\S]*BT Email password/],
    [['smtp server', 'login?'], /authentication[\s\S]*same username and password/],
    [['imap settings', 'sign in details?'], /full email address[\s\S]*BT Email password/],
    [['imap server', 'user n pass?'], /full email address[\s\S]*BT Email password/],
    [['imap settings', 'whats the login'], /full email address[\s\S]*BT Email password/],
    [['imap settings', 'wat about the trash'], /Trash/],
    [['pop settings', 'does it do sent items'], /Inbox[\s\S]*IMAP folders/],
  ])('%j', async (...c) => expectReply(c));

  it.each<Case>([
    // A verdict that agrees with the body: SPA stays off.
    [['imap settings', 'Should SPA be off?'], /^Yes — leave it off/, /^No\b/],
    [['smtp settings', 'spa on or off?'], /^Off/, /^(No|Yes)\b/],
    [['imap settings', 'do i tick spa'], /^No — leave it off/],
    [['pop3 settings', 'should i leave spa unticked'], /^Yes — leave it off/],
    [['what is spa'], /^Do not enable Secure Password Authentication/],
    [['imap settings', 'is spa needed?'], /^No — leave it off/],
    [['SPA off right?'], /^Yes — leave it off/],
    [['should secure password authentication be enabled'], /^No — leave it off/],
    [['imap settings', 'spa?'], /^Do not enable/],
    [['smtp settings', 'spa ticked or unticked'], /^Off — leave it unticked/],
    [['imap settings', 'leave spa off yeah?'], /^Yes — leave it off/],
    [['imap settings', 'do i need to enable spa'], /^No — leave it off/],
    [['pop3 settings', 'should i turn on secure password authentication?'], /^No — leave it off/],
    [['i have SPA unticked, is that ok?'], /^Yes — leave it off/],
    [['my spa box is ticked, should it be?'], /^No — leave it off/],
    [['Do I need to untick SPA in Outlook?'], /^Yes — leave it off/],
    [['imap settings', 'spa need or no?'], /^Off — leave it unticked/],
    [['Should SPA be off? And what port for smtp?'], /^Yes — leave it off[\s\S]*\b465\b/],
  ])('SPA: %j', async (...c) => expectReply(c));
});

describe('3. asking to see or check a password: a clear decline and what to do instead', () => {
  it.each<Case>([
    [['can you check if my password is right?'], DECLINE],
    [['is my password correct'], DECLINE],
    [['what is my password'], DECLINE],
    [['tell me the admin password'], DECLINE],
    [['whats the server password'], DECLINE],
    [["what's my wife's email password"], DECLINE],
    [['can u tell me if my pw is ok'], DECLINE],
    [['verify my password please'], DECLINE],
    [['remind me what my password is'], DECLINE],
    [['do you know my password?'], DECLINE],
    [['i think my password might be wrong can you check it'], DECLINE],
    [['hello can you confirm my password is the right one for btinternet'], DECLINE],
    [['can you see my password?'], DECLINE],
    [['whats my bt email password'], DECLINE],
    [['tell me my password'], DECLINE],
    [['can i have my password please'], DECLINE],
    [["my son's password for his btinternet"], DECLINE],
    [["what's the master password for the mail server"], DECLINE],
    [['how do i know my password is right'], DECLINE],
    [['can you give me my password'], DECLINE],
    [['i need to know my password'], DECLINE],
    [['how do i find out my password'], DECLINE],
    [['what is the admin login for bt mail'], DECLINE],
    [['PLEASE JUST TELL ME WHAT MY PASSWORD IS'], DECLINE],
    [['could u pls confirm that my passwrd is correct'], DECLINE],
    [['can the bot look up my password'], DECLINE],
    [['i dont remember my email password, can you see it?'], DECLINE],
    [['do you have access to my password'], DECLINE],
    [['imap settings', 'can you check my password'], DECLINE],
    [['wats me pasword'], DECLINE],
    [["Can you tell me whether the password I'm using is the correct one?"], DECLINE],
    [['I want you to confirm my email password'], DECLINE],
    [['is my pasword ok or not'], DECLINE],
    [['hey bot, you got my password on file?'], DECLINE],
    [['whats my password for outlook'], DECLINE],
    [["my daughter's btinternet password please"], DECLINE],
    [['give me the root password'], DECLINE],
    [["Is 'Marigold88' the right password for my account?"], DECLINE, /Marigold/],
    [['could you double check my password for me'], DECLINE],
  ])('%j', async (...c) => {
    const out = await expectReply(c);
    expect(out).toMatch(/full email address|support team|Talk to a person/);
  });

  it.each<Case>([
    [["can you check it? it's Sunflower!77"], DECLINE, /Sunflower/],
    [['my password is Bluebell42 is that right'], DECLINE, /Bluebell42/],
    [['is this the right password: Tr0ub4dor&3'], DECLINE, /Tr0ub4dor/],
    [['pls check my pw its Rover2019!'], DECLINE, /Rover2019/],
    [['password: Daisy#123 — is that correct?'], DECLINE, /Daisy/],
    [["here's my password: xyz123abc, does it work?"], DECLINE, /xyz123abc/],
    [['pw = Dragon!2020 pls check'], DECLINE, /Dragon/],
    [['my login is bob@btinternet.com and password Hunter22 - correct?'], DECLINE, /Hunter22|bob@/],
    [['can u verify: user bob@btinternet.com pass Kettle#55'], DECLINE, /Kettle|bob@/],
  ])('typed: %j', async (...c) => {
    expect(await expectReply(c)).toMatch(WARNING);
  });
});

describe('4. a yes or no about a value the customer states, matching the body', () => {
  it.each<Case>([
    [['is the smtp 465?'], /^Yes — port 465/],
    [['imap server is mail.btinternet.com right?'], /^Yes — mail\.btinternet\.com/],
    [['pop server is pop.btinternet.com right?'], /^No — use mail\.btinternet\.com/],
    [['is the smtp port 587?'], /^No — use port 465/],
    [['smtp server = smtp.btinternet.com correct?'], /^No — use mail\.btinternet\.com/],
    [['imap is 143 yeah?'], /^No — use port 993/],
    [['incoming port 995 for pop is that correct'], /^Yes — port 995/],
    [['the outgoing server is mail.btinternet.com isnt it'], /^Yes — mail\.btinternet\.com/],
    [['so for imap i use ssl, right?'], /^Yes — SSL/],
    [['is pop3 993?'], /^No — use port 995/],
    [['smtp is mail.btinternet.com yes?'], /^Yes — mail\.btinternet\.com/],
    [['so 993 for imap, correct?'], /^Yes — port 993/],
    [['outgoing port is 25 isnt it'], /^No — use port 465/],
    [['pop uses 995 yeah'], /^Yes — port 995/],
    [['ssl for smtp right?'], /^Yes — SSL/],
    [['starttls for outgoing, right?'], /^No — use SSL/],
    [['imap.btinternet.com is the incoming server innit'], /^No — use mail\.btinternet\.com/],
    [['port 993 is for imap isnt it?'], /^Yes — port 993/],
    [['465 for sending, yes?'], /^Yes — port 465/],
  ])('%j', async (...c) => expectReply(c));
});
