/**
 * Issue 13 (context, reading): a customer insisting after a decline ("so is it right or not?",
 * "why not?") gets the decline restated with what can be done instead, never "not sure" and never
 * the password; a long story ending in a short IMAP-or-POP choice gets the comparison, not the
 * whole settings block.
 */
import { last } from './helpers/talk';

const NOT_SURE = /not sure about that/;
const DID_YOU_MEAN = /Did you mean/;
const CANNOT_CHECK = /can't see, check or give out any password/;
const IMAP_VS_POP = /IMAP keeps|IMAP is|recommend/i;
const WHOLE_BLOCK = /AdaptiveCard|outgoing \(SMTP\) server is mail\.btinternet\.com[\s\S]*465/;
const SECRET = 'Sunflower!77';

type Case = [string[], RegExp, RegExp?];

async function expectReply([messages, expected, forbidden]: Case): Promise<void> {
  const out = await last(messages);
  expect(out).toMatch(expected);
  expect(out).not.toMatch(NOT_SURE);
  expect(out).not.toMatch(DID_YOU_MEAN);
  expect(out).not.toContain(SECRET);
  if (forbidden) expect(out).not.toMatch(forbidden);
}

describe('1. insisting after a password decline gets the decline restated', () => {
  it.each<Case>([
    [['can you check if my password is right', 'so is it right or not'], CANNOT_CHECK],
    [['is my password correct', 'just tell me yes or no'], CANNOT_CHECK],
    [['can u check my pasword', 'come on, is it correct?'], CANNOT_CHECK],
    [['whats my password', 'but is that the right one'], CANNOT_CHECK],
    [['can you check my password', "can't you just check it"], CANNOT_CHECK],
    [['verify my password please', 'cant u just look'], CANNOT_CHECK],
    [[`can you check it? its ${SECRET}`, 'so is it right or not'], CANNOT_CHECK],
    [[`my password is ${SECRET} is that right`, 'yes or no??'], CANNOT_CHECK],
    [[`is ${SECRET} the correct password`, 'come on just tell me if its correct'], CANNOT_CHECK],
    [['do you know my password', 'surely you can see it'], CANNOT_CHECK],
    [['can you check my password', 'please just check it for me'], CANNOT_CHECK],
    [['can you see my password', 'is it the right one or not then'], CANNOT_CHECK],
    [['check my password is ok', 'ok but is it right'], CANNOT_CHECK],
    [['whats my email password', 'i need to know if its correct!!!'], CANNOT_CHECK],
    [['can you check my password', 'pls just say if its wrong'], CANNOT_CHECK],
    [['can you confirm my password is correct', 'so it is correct then?'], CANNOT_CHECK],
    [['CAN YOU CHECK MY PASSWORD', 'WHY CANT YOU JUST CHECK IT'], CANNOT_CHECK],
    [['pls chek my pasword is rite', 'come on m8 yes or no'], CANNOT_CHECK],
    [['you please verify password for me', 'but you can tell me it is correct or not?'], CANNOT_CHECK],
    [['is my bt email password right', 'ok but is it correct or wrong, I just need to know'], CANNOT_CHECK],
    [[`here is my password ${SECRET} please check it`, 'well? is it the right one'], CANNOT_CHECK],
    [['can you check my password', 'so thats a no then?'], CANNOT_CHECK],
    [['can you check my password', 'ok so its wrong?'], CANNOT_CHECK],
    [[`i typed ${SECRET} is it correct`, 'i typed it above, is it right'], CANNOT_CHECK],
    [['can you check my password', 'ugh. is it right or wrong'], CANNOT_CHECK],
    [['can you check my password', 'just check it!!'], CANNOT_CHECK],
    [['can you check my password', 'it is my own account, you can check it'], CANNOT_CHECK],
    [[`whats the smtp port and can you check the password ${SECRET}`, 'so is the password right?'], CANNOT_CHECK],
    [['what is my password', 'cmon plz'], CANNOT_CHECK],
  ])('%j', async (...c) => expectReply(c));
});

describe('1b. a real question after the password decline is answered', () => {
  it.each<Case>([
    [['can you check my password', 'ok whats the smtp port then'], /\b465\b/],
    [['can you check my password', 'is 465 right for smtp?'], /\b465\b/],
    [['can you check my password', 'what is my username then'], /full email address/],
  ])('%j', async (...c) => expectReply(c));
});

describe('2. a bare "why?" after a password decline gets the reason', () => {
  it.each<Case>([
    [['can you check if my password is right', 'why not?'], /safety|never see|can't see/],
    [['can you check my password', 'why?'], /safety|never see|can't see/],
    [['whats my password', 'why not'], /safety|never see|can't see/],
    [[`can you check it? its ${SECRET}`, 'y not'], /safety|never see|can't see/],
    [['verify my password', 'but why'], /safety|never see|can't see/],
    [['can you check my password', 'how come'], /safety|never see|can't see/],
    [['is my password right', 'why cant you'], /safety|never see|can't see/],
  ])('%j', async (...c) => expectReply(c));
});

describe('3. insisting after an out-of-scope decline gets it restated', () => {
  it.each<Case>([
    [['how do I stop spam', 'why not?'], /not|can't|person/i],
    [['how do I stop spam', "can't you just check it"], /not|can't|person/i],
    [['my broadband is slow', 'come on, just tell me'], /not|can't|person/i],
    [['what are the yahoo imap settings', 'so is it right or not'], /not|can't|person/i],
    [['what is my husbands email password', 'come on, just tell me'], /can't see or give out any password/],
    [['what is my husbands email password', 'why not?'], /can't see or give out any password/],
    [['can i set up an auto reply', 'surely you can do that'], /can't help with that/],
    [['is bt email down', 'just tell me yes or no'], /can't see whether/],
  ])('%j', async (...c) => expectReply(c));
});

describe('4. a long story ending in a short IMAP-or-POP question gets the comparison', () => {
  it.each<Case>([
    [
      [
        'I run a small florist shop. The shop PC has Outlook and I also check mail on my iPhone. Half the time orders I have read on the phone show as new on the PC. IMAP or POP for all this?',
      ],
      IMAP_VS_POP,
      WHOLE_BLOCK,
    ],
    [
      [
        'ok so i have an ipad a laptop and my phone, all with my btinternet email on. my son set them up years ago and it is a mess, emails i delete come back. which should i use then?',
      ],
      IMAP_VS_POP,
      WHOLE_BLOCK,
    ],
    [
      [
        'We are a family of four sharing one btinternet account on two computers and a tablet. Mail read on one shows unread on the other. pop or imap, which one?',
      ],
      IMAP_VS_POP,
      WHOLE_BLOCK,
    ],
    [
      [
        'My outlook on the office pc downloads everything and then my phone has nothing. very frustrating as I miss customer emails. imap or pop?',
      ],
      IMAP_VS_POP,
      WHOLE_BLOCK,
    ],
    [
      [
        'i am retired and use my iphone and the old desktop computer with thunderbird for email the grandchildren say i should change something because mail is different on each one so imap or pop which is best',
      ],
      IMAP_VS_POP,
      WHOLE_BLOCK,
    ],
    [
      [
        'Setting up a new Android phone for my business email. I also use webmail at home and Outlook at work. Which protocol should I go with, IMAP or POP3?',
      ],
      IMAP_VS_POP,
      WHOLE_BLOCK,
    ],
    [
      [
        'I have a samsung tablet and a windows laptop. The tablet shows mails as unread that I already read on the laptop. Pop or imap for me?',
      ],
      IMAP_VS_POP,
      WHOLE_BLOCK,
    ],
    [
      ['Hi, new MacBook, old one died. Mail app on the mac and on my iPhone. Before I set it up: IMAP or POP?'],
      IMAP_VS_POP,
      WHOLE_BLOCK,
    ],
    [
      [
        'we run a b&b, bookings come in by email, the reception pc has outlook and i have the iphone. last week we missed a booking because it was only on one device. so which one should we use, imap or pop',
      ],
      IMAP_VS_POP,
      WHOLE_BLOCK,
    ],
    [
      [
        'My husband reads the email on his ipad and I use the pc in the kitchen with windows mail. He deletes things and they are still on mine. which is better for us imap or pop?',
      ],
      IMAP_VS_POP,
      WHOLE_BLOCK,
    ],
    [
      [
        'i got a new phone (iphone 15) and want my btinternet mail on it as well as the laptop. Is IMAP or POP better for that?',
      ],
      IMAP_VS_POP,
      WHOLE_BLOCK,
    ],
    [
      [
        'Context: 3 users, 1 mailbox, Outlook 365 on two workstations plus mobile clients. Messages are being pulled down and removed from the server. IMAP vs POP3 - which one?',
      ],
      IMAP_VS_POP,
      WHOLE_BLOCK,
    ],
    [
      [
        'sorry for the long message. i use my iphone for email mostly but sometimes the computer. the emails are all over the place, some on one some on the other, driving me mad. imap or pop, which one?',
      ],
      IMAP_VS_POP,
      WHOLE_BLOCK,
    ],
    [
      ['The shop PC has Outlook. I also have the mail on my phone. Should I pick IMAP or POP when I set it up?'],
      IMAP_VS_POP,
      WHOLE_BLOCK,
    ],
    [
      [
        'I am moving my email to a new laptop and also want it on my android phone, and my wife wants it on her ipad. what do you recommend, imap or pop?',
      ],
      IMAP_VS_POP,
      WHOLE_BLOCK,
    ],
    [
      [
        'Hello. I have had BT email for 20 years. I use it on the computer in the study and on my iPad in the lounge. When I read something on the iPad it still shows as new on the computer, which is a nuisance. Which should I use then?',
      ],
      IMAP_VS_POP,
      WHOLE_BLOCK,
    ],
    [
      [
        'my business gets all its orders by email, i have outlook on the shop pc and the till pc and my phone. everything is all over the place. IMAP or POP for all this?',
      ],
      IMAP_VS_POP,
      WHOLE_BLOCK,
    ],
    [
      [
        'Ich habe ein iPhone und einen Laptop. On the laptop the mails are gone from the phone after download. please which one is better imap or pop for me',
      ],
      IMAP_VS_POP,
      WHOLE_BLOCK,
    ],
    [
      [
        'Honestly fed up. Spent all morning on this. Outlook on my desktop, Mail on my iPhone, and webmail on the work PC. Nothing matches. POP or IMAP — which do you recommend?',
      ],
      IMAP_VS_POP,
      WHOLE_BLOCK,
    ],
    [
      [
        'right so. got the new samsung phone today, the old one had my email on it fine. also got the laptop with outlook which my grandson did. pop3 or imap then?',
      ],
      IMAP_VS_POP,
      WHOLE_BLOCK,
    ],
    [
      [
        'We are a charity with 2 volunteers in the office. Both PCs have Thunderbird and both pick up all the mail, but things go missing from one when the other downloads them. What do you suggest, IMAP or POP?',
      ],
      IMAP_VS_POP,
      WHOLE_BLOCK,
    ],
    [
      [
        'i have my btinternet email set up on my ipad, my iphone and the pc. emails i delete on the iphone are still on the pc. imap or pop which is best for all of that',
      ],
      IMAP_VS_POP,
      WHOLE_BLOCK,
    ],
  ])('%j', async (...c) => expectReply(c));

  it.each<Case>([
    [
      [
        'I run a small shop. The shop PC has Outlook and I also check mail on my iPhone. I am setting up the iPhone today. What settings do I put in?',
      ],
      /mail\.btinternet\.com/,
    ],
    [['new iphone, want my btinternet mail on it, what settings do i put in for imap?'], /993/],
  ])('settings still: %j', async (...c) => expectReply(c));
});
