import { lookup } from 'node:dns';
import { guardedLookup, ipLiteralOf, isForbiddenAddress } from './index.js';

describe('isForbiddenAddress', () => {
  it.each([
    '0.0.0.0', '10.1.2.3', '100.64.0.1', '127.0.0.1', '169.254.169.254', '172.16.0.1', '192.168.1.1', '192.0.2.1', '192.88.99.1',
    '198.18.0.1', '224.0.0.1', '255.255.255.255', '::', '::1', 'fe80::1', 'fec0::1', 'fc00::1', 'fd00:ec2::254', 'ff02::1',
    '::ffff:127.0.0.1', '::ffff:7f00:1', '::127.0.0.1', '::ffff:0:10.0.0.1', '64:ff9b::a9fe:a9fe', '64:ff9b:1::1',
    '2002:c0a8:101::1', '2001:0:4136:e378:8000:63bf:3fff:fdd2', '2001:db8::1', 'fe80::1%eth0', 'localhost', '',
  ])('refuses %s', (address) => {
    expect(isForbiddenAddress(address)).toBe(true);
  });

  it.each(['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1'])('allows %s', (address) => {
    expect(isForbiddenAddress(address)).toBe(false);
  });

  it('reads IP literals out of URLs', () => {
    expect(ipLiteralOf(new URL('http://[::1]:8080/x'))).toBe('::1');
    expect(ipLiteralOf(new URL('http://2130706433/'))).toBe('127.0.0.1'); // WHATWG decodes IPv4 shorthands
    expect(ipLiteralOf(new URL('https://example.com/'))).toBeNull();
  });
});

describe('guardedLookup', () => {
  it('refuses a name that resolves to a forbidden address, with the caller’s error', async () => {
    const refusing = guardedLookup((host) => Object.assign(new Error(`no ${host}`), { code: 'EREFUSED_TEST' }));
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => refusing('localhost', {}, (e) => resolve(e)));
    expect(error).toMatchObject({ message: 'no localhost', code: 'EREFUSED_TEST' });
  });

  it('passes the lookup error through when the name does not resolve', async () => {
    const refusing = guardedLookup(() => new Error('never'));
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => refusing('does-not-exist.invalid', {}, (e) => resolve(e)));
    const plain = await new Promise<NodeJS.ErrnoException | null>((resolve) => lookup('does-not-exist.invalid', (e) => resolve(e)));
    expect(error?.code).toBe(plain?.code);
  });
});
