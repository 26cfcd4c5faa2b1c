/** Issue 13: a pasted screen with a side's host, port and encryption on one line is read whole, never called right when it is not. */
import { createAnswerer } from '../knowledge';

const answerer = createAnswerer();
const replyTo = (text: string) => answerer.ask(text).reply.text;

describe('host, port and encryption on one line', () => {
  it.each([
    // [pasted screen, wrong values the reply must name]
    [
      'Incoming: mail.btinternet.com 993 SSL\nOutgoing: mail.btinternet.com 587 None',
      [/Port 587 is not right/, /not None/],
    ],
    ['incoming  mail.btinternet.com  110  none\noutgoing  mail.btinternet.com  465  ssl', [/Port 110 is not right/]],
    [
      'IMAP server = mail.btinternet.com, 143, STARTTLS\nSMTP server = mail.btinternet.com, 465, SSL',
      [/Port 143 is not right/],
    ],
    [
      'Receiving: mail.btinternet.com (port 995) SSL\nSending: mail.btinternet.com (port 25) no encryption',
      [/Port 25 is not right/],
    ],
    ['my settings:\nincoming mail.btinternet.com 993 ssl\nsmtp mail.btinternet.com 465 starttls', [/not STARTTLS/]],
  ])('%s', (screen, wrong) => {
    const text = replyTo(screen);
    expect(text).toMatch(/Change these/);
    expect(text).not.toMatch(/what I can see there is right/);
    for (const w of wrong) expect(text).toMatch(w);
  });

  it('a right screen written the same way is confirmed', () => {
    const text = replyTo('incoming mail.btinternet.com 993 ssl\noutgoing mail.btinternet.com 465 ssl');
    expect(text).toMatch(/what I can see there is right/);
    expect(text).toMatch(/port 993, port 465/);
  });

  it('a typed password on such a screen is neither read nor repeated', () => {
    const text = replyTo(
      'Password: Plum4Jam!\nIncoming: mail.btinternet.com 993 SSL\nOutgoing: mail.btinternet.com 587 STARTTLS',
    );
    expect(text).not.toContain('Plum4Jam');
    expect(text).toMatch(/Port 587 is not right/);
  });
});
