/** Which serviceUrls and peers /api/messages accepts, decided on the raw string the caller sent. */
import {
  isLoopbackPeer,
  messagesPolicy,
  serviceOrigin,
  serviceUrlPolicy,
  MAX_SERVICE_URL_LENGTH,
} from '../server/service-urls';

const loopbackOnly = serviceUrlPolicy(['loopback']);

describe('the loopback serviceUrl policy', () => {
  it.each([
    'http://localhost:3978',
    'http://localhost:3978/',
    'http://localhost',
    'https://localhost:8443/',
    'http://127.0.0.1:9/',
    'http://127.0.0.1:65535/v3/',
    'http://[::1]:3978/',
    'http://127.0.0.1:3978/a/b?c=d#e',
  ])('admits %s', (raw) => {
    expect(loopbackOnly.allows(raw)).toBe(true);
  });

  it.each<[string, unknown]>([
    ['another loopback address', 'http://127.0.0.2:3978/'],
    ['a decimal IPv4 form', 'http://2130706433:3978/'],
    ['a short IPv4 form', 'http://127.1:3978/'],
    ['a hex IPv4 form', 'http://0x7f.0.0.1:3978/'],
    ['an octal IPv4 form', 'http://0177.0.0.1:3978/'],
    ['zero-padded octets', 'http://127.000.000.001:3978/'],
    ['a trailing dot', 'http://127.0.0.1.:3978/'],
    ['localhost with a trailing dot', 'http://localhost.:3978/'],
    ['a lookalike name', 'http://localhost.evil.example:3978/'],
    ['a lookalike prefix', 'http://127.0.0.1.nip.io:3978/'],
    ['userinfo', 'http://user:pw@127.0.0.1:3978/'],
    ['userinfo hiding another host', 'http://127.0.0.1:3978@evil.example/'],
    ['an empty userinfo', 'http://@127.0.0.1:3978/'],
    ['an IPv4-mapped IPv6 address', 'http://[::ffff:127.0.0.1]:3978/'],
    ['an IPv4-mapped IPv6 address in hex', 'http://[::ffff:7f00:1]:3978/'],
    ['the long form of ::1', 'http://[0:0:0:0:0:0:0:1]:3978/'],
    ['an IPv6 zone', 'http://[::1%25lo]:3978/'],
    ['upper-case LOCALHOST', 'http://LOCALHOST:3978/'],
    ['an upper-case scheme', 'HTTP://127.0.0.1:3978/'],
    ['a percent-encoded host', 'http://local%68ost:3978/'],
    ['a tab inside the host', 'http://local\thost:3978/'],
    ['a newline inside the host', 'http://127.0.0.\n1:3978/'],
    ['a leading space', ' http://127.0.0.1:3978/'],
    ['a backslash', 'http://127.0.0.1:3978\\@evil.example/'],
    ['a backslash for slashes', 'http:\\\\127.0.0.1:3978/'],
    ['one slash', 'http:/127.0.0.1:3978/'],
    ['no slashes', 'http:127.0.0.1:3978/'],
    ['port 0', 'http://127.0.0.1:0/'],
    ['a port out of range', 'http://127.0.0.1:70000/'],
    ['an empty port', 'http://127.0.0.1:/'],
    ['two ports', 'http://127.0.0.1:1:2/'],
    ['another scheme', 'ftp://127.0.0.1:3978/'],
    ['a WebSocket scheme', 'ws://127.0.0.1:3978/'],
    ['a file URL', 'file:///etc/passwd'],
    ['a non-ASCII lookalike', 'http://ⓛocalhost:3978/'],
    ['a full-width dot', 'http://127.0.0。1:3978/'],
    ['an empty host', 'http://:3978/'],
    ['too long', `http://127.0.0.1:3978/${'a'.repeat(MAX_SERVICE_URL_LENGTH)}`],
    ['not a string', 7],
    ['an object', { href: 'http://127.0.0.1/' }],
    ['nothing', undefined],
  ])('refuses %s', (_name, raw) => {
    expect(loopbackOnly.allows(raw)).toBe(false);
  });
});

describe('an explicit serviceUrl policy', () => {
  const teams = serviceUrlPolicy(['https://smba.trafficmanager.net', 'http://localhost:3978']);

  it.each<[string, boolean]>([
    ['https://smba.trafficmanager.net/emea/', true],
    ['https://smba.trafficmanager.net:443/emea/', true],
    ['https://smba.trafficmanager.net', true],
    ['http://smba.trafficmanager.net/emea/', false],
    ['https://smba.trafficmanager.net:8443/emea/', false],
    ['https://smba.trafficmanager.net.evil.example/', false],
    ['https://evil.example/smba.trafficmanager.net/', false],
    ['https://SMBA.trafficmanager.net/emea/', false],
    ['http://localhost:3978/', true],
    ['http://localhost:3979/', false],
    ['http://127.0.0.1:3978/', false],
  ])('%s → %s', (raw, allowed) => {
    expect(teams.allows(raw)).toBe(allowed);
  });

  it('refuses an entry it cannot read (config validates them first)', () => {
    expect(() => serviceUrlPolicy(['http://127.1'])).toThrow('http://127.1');
  });
});

describe('serviceOrigin', () => {
  it.each<[string, ReturnType<typeof serviceOrigin>]>([
    ['http://localhost:3978/', { protocol: 'http:', hostname: 'localhost', port: 3978 }],
    ['https://smba.trafficmanager.net/emea/', { protocol: 'https:', hostname: 'smba.trafficmanager.net', port: 443 }],
    ['http://[::1]/', { protocol: 'http:', hostname: '[::1]', port: 80 }],
    ['http://127.0.0.1:080/', { protocol: 'http:', hostname: '127.0.0.1', port: 80 }],
  ])('reads %s', (raw, expected) => {
    expect(serviceOrigin(raw)).toEqual(expected);
  });
});

describe('messagesPolicy', () => {
  it.each<[string, Parameters<typeof messagesPolicy>[0], boolean, string | undefined]>([
    ['anonymous mode by default', { anonymous: true }, true, 'http://127.0.0.1:1/'],
    [
      'anonymous mode with a list',
      { anonymous: true, allowedServiceUrls: ['https://a.example'] },
      true,
      'https://a.example/',
    ],
    ['an app id by default', { anonymous: false }, false, undefined],
    [
      'an app id with a list',
      { anonymous: false, allowedServiceUrls: ['https://a.example'] },
      false,
      'https://a.example/',
    ],
  ])('%s', (_name, config, loopbackPeersOnly, allowed) => {
    const policy = messagesPolicy(config);
    expect(policy.loopbackPeersOnly).toBe(loopbackPeersOnly);
    if (allowed === undefined) return expect(policy.serviceUrls).toBeUndefined();
    expect(policy.serviceUrls?.allows(allowed)).toBe(true);
    expect(policy.serviceUrls?.allows('https://b.example/')).toBe(false);
  });

  it('replaces the loopback default with an explicit list, unless the list says loopback', () => {
    expect(
      messagesPolicy({ anonymous: true, allowedServiceUrls: ['https://a.example'] }).serviceUrls?.allows(
        'http://127.0.0.1:1/',
      ),
    ).toBe(false);
    expect(
      messagesPolicy({ anonymous: true, allowedServiceUrls: ['loopback'] }).serviceUrls?.allows('http://127.0.0.1:1/'),
    ).toBe(true);
  });
});

describe('isLoopbackPeer', () => {
  it.each<[string | undefined, boolean]>([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['192.0.2.2', false],
    ['::ffff:192.0.2.2', false],
    ['fd00::2', false],
    ['10.0.0.1', false],
    ['0.0.0.0', false],
    ['::', false],
    ['localhost', false],
    ['', false],
    [undefined, false],
  ])('%s → %s', (address, loopback) => {
    expect(isLoopbackPeer(address)).toBe(loopback);
  });
});
