/** A short run of the HTTP fuzzer (npm run fuzz runs it long): no server error, no dropped connection, answers afterwards. */
import { acceptable, type FuzzRequest } from '../bench/fuzz-http';
import { runFuzz } from '../bench/fuzz-run';

const request = (method: string, path: string, body = ''): FuzzRequest => ({ method, path, headers: {}, body });

describe('what the fuzzer accepts', () => {
  it.each<[string, number, FuzzRequest, boolean]>([
    ['a 400', 400, request('POST', '/api/messages'), true],
    ['a 500', 500, request('POST', '/api/messages'), false],
    ['a 501 for an invoke', 501, request('POST', '/api/messages', '{"type":"invoke"}'), true],
    ['a 501 for a message', 501, request('POST', '/api/messages', '{"type":"message"}'), false],
    ['a 503 when the conversations are full', 503, request('POST', '/v3/directline/conversations'), true],
    ['a 503 from the transcript export', 503, request('GET', '/api/transcripts/x'), false],
  ])('%s', (_name, status, req, expected) => {
    expect(acceptable(status, req)).toBe(expected);
  });
});

describe('the HTTP surface under fuzzing', () => {
  it('answers every generated request without a server error, logs no token, and still answers', async () => {
    const report = await runFuzz({ runs: 300, seed: 20261202 });
    expect(report.failures).toEqual([]);
    expect(report.leakedLogLines).toBe(0);
    expect(report.afterwards.directLine).toMatch(/\b465\b/);
    expect(report.afterwards.messages).toMatch(/\b465\b/);
  }, 240_000);
});
