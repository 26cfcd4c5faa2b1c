/** NO_PROXY as @azure/core-rest-pipeline's proxyPolicy reads it (its own code is the oracle), and the agents chosen. */
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { createHttpHeaders, createPipelineRequest, proxyPolicy } from '@azure/core-rest-pipeline';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { bypassesProxy, createOutbound } from '../../bots/botbuilder-patches/outbound';

/** Whether the Azure pipeline's proxyPolicy sends `url` direct with `noProxy` as NO_PROXY. */
async function azureBypasses(url: string, noProxy: string[]): Promise<boolean> {
  const policy = proxyPolicy({ host: 'http://proxy.invalid', port: 3128 }, { customNoProxyList: noProxy });
  const request = createPipelineRequest({ url });
  await policy.sendRequest(request, async (r) => ({ request: r, status: 200, headers: createHttpHeaders() }));
  return request.agent === undefined;
}

describe('bypassesProxy', () => {
  // [NO_PROXY entries, channel URL, sent direct]
  it.each<[string[], string, boolean]>([
    [[], 'https://smba.trafficmanager.net/amer/', false],
    [['smba.trafficmanager.net'], 'https://smba.trafficmanager.net/amer/', true],
    [['trafficmanager.net'], 'https://smba.trafficmanager.net/amer/', false],
    [['.trafficmanager.net'], 'https://smba.trafficmanager.net/amer/', true],
    [['.trafficmanager.net'], 'https://trafficmanager.net/', true],
    [['.trafficmanager.net'], 'https://eviltrafficmanager.net/', false],
    [['localhost', '127.0.0.1'], 'http://127.0.0.1:3978/', true],
    [['localhost'], 'http://127.0.0.1:3978/', false],
    [['[::1]'], 'http://[::1]:3978/', true],
    [['example.com', 'smba.trafficmanager.net'], 'https://smba.trafficmanager.net/', true],
  ])('%j covers %s: %s, as the Azure pipeline decides', async (noProxy, url, direct) => {
    expect(bypassesProxy(new URL(url), noProxy)).toBe(direct);
    expect(await azureBypasses(url, noProxy)).toBe(direct);
  });

  // Forms proxyPolicy never matches (it compares host names only), read as curl and most tools read them.
  it.each<[string[], string, boolean]>([
    [['*'], 'https://smba.trafficmanager.net/', true],
    [['127.0.0.1:3978'], 'http://127.0.0.1:3978/', true],
    [['127.0.0.1:3979'], 'http://127.0.0.1:3978/', false],
    [['smba.trafficmanager.net:443'], 'https://smba.trafficmanager.net/amer/', true],
    [['.trafficmanager.net:443'], 'https://smba.trafficmanager.net/amer/', true],
    [['smba.trafficmanager.net:80'], 'https://smba.trafficmanager.net/amer/', false],
    [['[::1]:3978'], 'http://[::1]:3978/', true],
    [['::1'], 'http://[::1]:3978/', true],
  ])('%j covers %s: %s (beyond the Azure pipeline)', (noProxy, url, direct) => {
    expect(bypassesProxy(new URL(url), noProxy)).toBe(direct);
  });
});

describe('createOutbound', () => {
  const proxy = { url: 'http://proxy.example.com:3128', noProxy: ['127.0.0.1'] };
  it.each<[string, Parameters<typeof createOutbound>[0], string, new (...args: never[]) => object]>([
    ['no proxy, http', undefined, 'http://localhost:3978/', HttpAgent],
    ['no proxy, https', undefined, 'https://smba.trafficmanager.net/', HttpsAgent],
    ['a proxy, http', proxy, 'http://localhost:3978/', HttpProxyAgent],
    ['a proxy, https', proxy, 'https://smba.trafficmanager.net/', HttpsProxyAgent],
    ['a proxy, a host NO_PROXY covers', proxy, 'http://127.0.0.1:3978/', HttpAgent],
  ])('%s', (_name, config, url, kind) => {
    expect(createOutbound(config).agentFor(new URL(url)).constructor).toBe(kind);
  });

  it('keeps connections alive, and shares one agent between the clients of one kind', () => {
    const outbound = createOutbound(proxy);
    const a = outbound.agentFor(new URL('https://a.example.com/'));
    expect(a).toBe(outbound.agentFor(new URL('https://b.example.com/')));
    expect((a as HttpsAgent & { keepAlive?: boolean }).keepAlive).toBe(true);
    expect((createOutbound().agentFor(new URL('http://a/')) as HttpAgent & { keepAlive?: boolean }).keepAlive).toBe(
      true,
    );
  });
});
