/**
 * Issue 13 (verdicts): a yes/no about a value or box the customer describes their program showing
 * ("it filled in 993 by itself, is that right?", "there's a box 'requires SSL', should I tick it?")
 * opens with the verdict the knowledge gives ("Yes — …", "No — …", "Tick it"), then the fact.
 */
import { expectReply as checkReply, type ReplyCase } from './helpers/talk';

const NOT_SURE = /not sure about that/;
const YES = /^(Yes|On) — /m;
const NO = /^No — /m;
const YES_OFF = /^Yes — leave it off/m;

const expectReply = (c: ReplyCase): Promise<string> => checkReply(c, NOT_SURE);

describe('a value the program filled in, asked about: the verdict first', () => {
  it.each<ReplyCase>([
    [['Mac Mail keeps filling in port 993 for incoming by itself, is that right for imap'], YES],
    [['outlook put 465 in the outgoing box on its own - correct?'], YES],
    [['thunderbird chose SSL/TLS, is that ok?'], YES],
    [['it filled in 143 by itself, is that right?'], NO],
    [['windows mail put 110 in for incoming all by itself is that correct'], NO],
    [['new outlook has put 587 for smtp on its own, is that ok'], NO],
    [['samsung email filled in 993 for the imap port, right?'], YES],
    [['my iphone chose port 25 for outgoing, is that ok?'], NO],
    [['thunderbird put imap.mail.btinternet.com as the incoming server by itself, correct?'], NO],
    [['Outlook classic auto filled port 995 for pop, is that right'], YES],
  ])('%j', async (...c) => {
    await expectReply(c);
  });
});

describe('a box the program shows, asked whether to tick it: the verdict first', () => {
  it.each<ReplyCase>([
    [["there's a box 'requires SSL' for the outgoing server. should i tick it"], YES],
    [["it has a tickbox 'This server requires an encrypted connection (SSL/TLS)', do I check that?"], YES],
    [["the iphone says 'Use SSL' switched on, leave it?"], YES],
    [["should I tick 'my outgoing server requires authentication'"], YES],
    [['windows mail has a box outgoing server requires authentication, do i tick it'], YES],
    [['theres a tick box says use ssl on my samsung shall i tick'], YES],
    [["outlook shows 'Require logon using Secure Password Authentication (SPA)', tick it?"], NO],
    [['mac mail has "use TLS/SSL" ticked already, is that ok?'], YES],
    [['my outlook has spa ticked on its own, leave it?'], NO],
    [["thunderbird ticked 'outgoing server requires authentication' by itself should i untick it"], NO],
    [['iphone put 465 and ssl on all by itself, is that right??'], YES],
    [['samsung mail automatically set 110 for pop3 is that correct'], NO],
    [['THE NEW OUTLOOK AUTOMATICALLY PUT 143 FOR IMAP IS THAT OK'], NO],
    [['mac mail ticked use ssl by itself, should i untick it'], NO],
    [['outlook ticked spa on its own should i untick it'], YES_OFF],
    [['the iphone says Use SSL switched on, leave it?'], YES],
    [['thunderbird chose STARTTLS by itself is that ok'], NO],
    [['outlook picked 587 and starttls automatically. ok?'], NO],
    [['windows mail filled in mail.btinternet.com for outgoing by itself, correct?'], YES],
    [['my samsung has smtp.btinternet.com is that correct'], NO],
    [['samsung put smtp.btinternet.com in itself, is that correct'], NO],
    [['outlook new put 993 in automaticly is that rite'], YES],
    [['outlook has put 995 by himself for the pop, it is correct please?'], YES],
    [['iphone auto put 465 4 smtp thats ok ye'], YES],
    [['Windows Mail: Outgoing server requires authentication [x] - keep it?'], YES],
    [['thunderbird set connection security to SSL/TLS automatically, is this right'], YES],
    [['Outlook classic put port 110 on its own is that correct or should i change it'], NO],
    [['new outlook chose 993 and SSL/TLS by itself, are they right?'], YES],
    [['ipad filled the outgoing port as 587 on its own, correct'], NO],
    [['there is a tickbox requires SSL on the incoming server shall I check it'], YES],
  ])('%j', async (...c) => {
    await expectReply(c);
  });
});
