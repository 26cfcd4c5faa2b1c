/**
 * Issue 13 (options listed, comparisons with values, domain follow-ups):
 * - a message listing a dropdown's or radio's encryption options and asking which to pick gets the
 *   encryption answer (SSL/TLS, not STARTTLS, with the port), never the IMAP/POP sync explanation;
 * - IMAP and POP compared while naming ports or TLS gets the comparison (sync across devices), not a
 *   port verdict;
 * - after an answer, "and for talk21?" or "what about btopenworld?" gets the all-three-domains answer.
 */
import { expectReply } from './helpers/talk';

const NOT_SURE = /not sure|didn't (quite )?(catch|understand)|rephrase|did you mean/i;
/** The encryption answer: SSL, not STARTTLS. */
const SSL_PICK = /SSL[^.]*not STARTTLS|wants SSL, not STARTTLS/;
const SYNC = /always syncs|doesn't sync/;
/** The comparison. */
const COMPARE = /IMAP always syncs/;
const PORT_VERDICT = /^Yes — port|^No — port|port 993 is right/m;
const ALL_THREE = /same for all three/;

describe('options listed, which to pick: the encryption answer', () => {
  it.each<string>([
    "New Outlook add account, advanced: the incoming 'Secure connection type' dropdown has SSL/TLS, STARTTLS, Auto, None. Which one for BT IMAP?",
    'encryption options are None / SSL/TLS / STARTTLS, which?',
    'security: auto, ssl, tls, starttls - what do i choose for smtp',
    'the box says connection security none, starttls or ssl/tls which do i tick',
    'thunderbird gives me STARTTLS or SSL/TLS or None for the imap server, what should it be',
    'outgoing server encryption drop down: none, ssl, tls, auto. which 1 for bt',
    'i have radio buttons none ssl tls starttls for incoming pop which one please',
    'Use following type of encrypted connection: None, SSL/TLS, STARTTLS, Auto - what do I select for IMAP?',
    'in the phone app security type is none / ssl/tls / starttls (accept all certificates) - which for outgoing',
    'encryption method choices: SSL/TLS, STARTTLS, none. what one do i need for bt email',
    'my iphone imap screen lets me choose SSL/TLS or STARTTLS, which one?',
    'pop account in outlook: encryption STARTTLS or SSL/TLS? which is it',
  ])('%s', async (message) => {
    await expectReply([[message], SSL_PICK, SYNC], NOT_SURE);
  });
});

describe('IMAP and POP compared with technical values: the comparison', () => {
  it.each<string>([
    'Is there any reason to stay on POP3 rather than IMAP over implicit TLS on 993 for a BT mailbox I access from three clients?',
    'why pick IMAPS 993 over POP3S 995 for several devices?',
    'imap 993 or pop 995 which is better for phone and laptop',
    'should i use pop3 on port 995 or imap on port 993, i read mail on my ipad and pc',
    'what is the advantage of IMAP/993 vs POP3/995 when using multiple devices',
    'pop on 995 with ssl or imap on 993 with ssl - which one keeps my phone and computer the same',
    'we have 3 machines, is POP3 (995, SSL) fine or should we move to IMAP (993)?',
    'is imap 993 better than pop 995 for me',
  ])('%s', async (message) => {
    await expectReply([[message], COMPARE, PORT_VERDICT], NOT_SURE);
  });
});

describe('a domain follow-up after an answer: the same settings for all three', () => {
  const first = 'what are the imap settings for bt email';
  it.each<string>([
    "and for my wife's talk21 one?",
    'what about btopenworld?',
    'same for talk21 addresses?',
    'and btopenworld.com?',
    'my husband has a talk21 address, same?',
    'what about talk21',
    'and for a btopenworld email',
    'does that work for talk21.com too',
  ])('%s', async (message) => {
    await expectReply([[first, message], ALL_THREE], NOT_SURE);
  });
});

describe('the domain follow-up after other answers', () => {
  it.each<[string, string]>([
    ['what is the smtp server', 'and for my wifes talk21 one?'],
    ['should i use imap or pop', 'what about btopenworld?'],
    ['do i need ssl', 'same for talk21 addresses?'],
    ['what port for pop3', 'and btopenworld'],
  ])('%s → %s', async (first, message) => {
    await expectReply([[first, message], ALL_THREE], NOT_SURE);
  });
});
