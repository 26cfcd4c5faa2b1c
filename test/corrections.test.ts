/**
 * Issue 13 (corrections and moving providers): a correction after an answer ("oh wait no its pop")
 * answers the same question again for the corrected protocol or side; a customer moving from another
 * provider who asks for BT's settings gets BT's settings (the old provider is context, not the question).
 */
import { expectReply, type ReplyCase } from './helpers/talk';

const NOT_SURE = /not sure about that/;
const POP_PORT = /\b995\b/;
const IMAP_PORT = /\b993\b/;
const SMTP = /\b465\b/;
const OTHER = /only help with BT Email|other provider|isn't something I can/i;

describe('1. a correction after an answer answers the same question for the corrected protocol or side', () => {
  it.each<ReplyCase>([
    [['whats the imap port', 'oh wait no its pop im using'], POP_PORT, IMAP_PORT],
    [['imap port number?', 'sorry I meant pop3'], POP_PORT, IMAP_PORT],
    [['what port for imap', "actually it's POP not IMAP"], POP_PORT, IMAP_PORT],
    [['imap port', 'no, pop'], POP_PORT, IMAP_PORT],
    [['incoming server port please', 'correction: outgoing'], SMTP],
    [['what is the pop3 port', 'sorry i ment imap'], IMAP_PORT, POP_PORT],
    [['imap server settings', 'my mistake its pop3 not imap'], POP_PORT],
    [['whats the incoming port', 'no wait, i meant the sending one'], SMTP],
    [['what port do i use for imap', 'scratch that, pop'], POP_PORT, IMAP_PORT],
    [['imap port pls', 'oops pop sorry'], POP_PORT, IMAP_PORT],
    [['i need the imap settings', 'hang on its actually pop3 on my old laptop'], POP_PORT],
    [['smtp port', 'sorry meant incoming'], /\b99[35]\b/],
  ])('%j', async (...c) => {
    await expectReply(c, NOT_SURE);
  });
});

describe('2. moving from another provider: BT settings asked for get BT settings', () => {
  it.each<ReplyCase>([
    [
      [
        "I've just moved from Sky, my new address is @btinternet.com. Sky used pop.tools.sky.com on port 995 - what do I put for BT POP?",
      ],
      /mail\.btinternet\.com[\s\S]*995|995[\s\S]*mail\.btinternet\.com/,
      OTHER,
    ],
    [
      ["coming from virgin media, what are bt's imap settings"],
      /mail\.btinternet\.com[\s\S]*993|993[\s\S]*mail\.btinternet\.com/,
      OTHER,
    ],
    [['was on gmail before, now btinternet - smtp?'], SMTP, OTHER],
    [['just switched from talktalk to bt, whats the incoming server'], /mail\.btinternet\.com/, OTHER],
    [['moved over from plusnet what is bt smtp port'], SMTP, OTHER],
    [['left sky last week now with bt broadband what imap port do i use'], IMAP_PORT, OTHER],
    [['had outlook.com before, now have a btinternet address, pop settings please'], POP_PORT, OTHER],
    [['i used smtp.gmail.com before, what is the bt one'], /mail\.btinternet\.com/, OTHER],
    [['swapped from virgin to bt. old server was imap.virginmedia.com, new one?'], /mail\.btinternet\.com/, OTHER],
    [['was with sky, their smtp was smtp.tools.sky.com, whats the bt one'], SMTP, OTHER],
    [['moving over from aol to my new btinternet.com address, what incoming server'], /mail\.btinternet\.com/, OTHER],
    [['ex sky customer now bt, outgoing server for my btinternet email?'], SMTP, OTHER],
  ])('%j', async (...c) => {
    await expectReply(c, NOT_SURE);
  });

  it.each<ReplyCase>([
    [['what are the sky imap settings'], OTHER],
    [['whats the gmail smtp server'], OTHER],
    [['i am moving to gmail from bt, what are the gmail imap settings'], OTHER],
    [['smtp server for me@btclick.com'], OTHER],
  ])('asking for the other provider stays out of scope: %j', async (...c) => {
    await expectReply(c, NOT_SURE);
  });
});

describe('1b. a correction after the comparison or a block', () => {
  it.each<ReplyCase>([
    [['is imap better than pop', 'no, pop'], POP_PORT],
    [['imap or pop which should i use', 'sorry i meant whats the pop3 server'], /mail\.btinternet\.com/],
    [['what is the imap server', 'CORRECTION: outgoing'], SMTP],
    [['pop3 port?', 'nope its imap'], IMAP_PORT, POP_PORT],
    [['what encryption does imap use', 'woops, pop i mean'], POP_PORT],
    [['i set up my ipad with imap what port is it', 'actually sorry its pop3 the ipad uses'], POP_PORT, IMAP_PORT],
    [['whats the incoming server', 'my bad, i wanted the smtp one'], /mail\.btinternet\.com[\s\S]*465|465/],
  ])('%j', async (...c) => {
    await expectReply(c, NOT_SURE);
  });
});

describe('3. a new question after an answer is no correction', () => {
  it.each<ReplyCase>([[['imap port', 'actually should i use pop3'], /sync/]])('%j', async (...c) => {
    await expectReply(c, NOT_SURE);
  });
});
