import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { LookupAddress } from 'node:dns';
import { isNonPublicAddress } from '../../src/core/publication/webhook-url.ts';
import { postToPublicHost, UnsafeDestinationError } from '../../src/delivery/post-to-public-host.ts';

describe('isNonPublicAddress (resolved addresses)', () => {
  const cases: [string, boolean][] = [
    ['127.0.0.1', true],
    ['10.1.2.3', true],
    ['172.16.0.1', true],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['224.0.0.1', true],
    ['::1', true],
    ['::', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:a00:1', true],
    ['fd00::1', true],
    ['fe80::1', true],
    ['ff02::1', true],
    ['8.8.8.8', false],
    ['203.0.113.5', false],
    ['172.32.0.1', false],
    ['2001:db8::1', false],
    ['::ffff:8.8.8.8', false],
    ['not-an-address', true],
  ];
  for (const [address, nonPublic] of cases)
    it(`${address} → ${nonPublic ? 'refused' : 'allowed'}`, () => assert.equal(isNonPublicAddress(address), nonPublic));
});

describe('postToPublicHost: the name is resolved, checked and connected to in one step', () => {
  const received: { headers: IncomingMessage['headers']; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  let port = 0;
  before(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  const resolver = (answers: Record<string, LookupAddress[]>) => {
    const asked: string[] = [];
    const resolve = async (host: string) => {
      asked.push(host);
      return answers[host] ?? [];
    };
    return { asked, resolve };
  };
  const request = { headers: { 'content-type': 'application/json', 'x-test': 'webhook' }, body: '{"id":"1"}' };

  it('delivers through the checked address (a receiver on this machine, test setting)', async () => {
    const { asked, resolve } = resolver({ localhost: [{ address: '127.0.0.1', family: 4 }] });
    const before = received.length;
    const res = await postToPublicHost(`http://localhost:${port}/hook`, {
      ...request,
      headers: { ...request.headers, 'x-test': 'gongkai' },
      timeoutMs: 5000,
      allowPrivate: true,
      resolve,
    });
    assert.equal(res.status, 204);
    assert.deepEqual(asked, ['localhost'], 'our resolver decided where the socket went');
    assert.equal(received.length, before + 1);
    assert.equal(received.at(-1)!.body, '{"id":"1"}');
    assert.equal(received.at(-1)!.headers['x-test'], 'gongkai');
  });

  it('a saved public name re-pointed at this machine (DNS rebinding) is refused before any connection', async () => {
    const { asked, resolve } = resolver({ 'hook.example.test': [{ address: '127.0.0.1', family: 4 }] });
    const before = received.length;
    await assert.rejects(
      postToPublicHost(`https://hook.example.test:${port}/hook`, { ...request, timeoutMs: 5000, resolve }),
      (e: unknown) => e instanceof UnsafeDestinationError && /解析到本机或内网地址 127\.0\.0\.1/.test(e.message),
    );
    assert.deepEqual(asked, ['hook.example.test']);
    assert.equal(received.length, before);
  });

  it('one private address among public ones refuses the whole name (metadata service, IPv4-mapped)', async () => {
    for (const bad of ['169.254.169.254', '::ffff:10.0.0.1', 'fd12::3']) {
      const { resolve } = resolver({
        'hook.example.test': [
          { address: '203.0.113.7', family: 4 },
          { address: bad, family: bad.includes(':') ? 6 : 4 },
        ],
      });
      await assert.rejects(
        postToPublicHost('https://hook.example.test/hook', { ...request, timeoutMs: 5000, resolve }),
        (e: unknown) => e instanceof UnsafeDestinationError && e.message.includes(bad),
        bad,
      );
    }
  });

  it('an address written in the URL is checked again at delivery, without asking the resolver', async () => {
    const { asked, resolve } = resolver({});
    for (const url of [`http://127.0.0.1:${port}/`, 'https://10.0.0.5/', 'https://[::1]/', 'https://169.254.169.254/'])
      await assert.rejects(
        postToPublicHost(url, { ...request, timeoutMs: 5000, resolve }),
        (e: unknown) => e instanceof UnsafeDestinationError && /推送地址不可用/.test(e.message),
        url,
      );
    assert.deepEqual(asked, []);
  });

  it('a name that resolves to nothing fails with a Chinese message', async () => {
    const { resolve } = resolver({});
    await assert.rejects(
      postToPublicHost('https://nowhere.example.test/', { ...request, timeoutMs: 5000, resolve }),
      /无法解析推送地址 nowhere\.example\.test/,
    );
  });
});
