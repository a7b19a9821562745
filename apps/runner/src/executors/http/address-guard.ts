import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Loopback, private, link-local, CGNAT, multicast, reserved and metadata ranges, plus IPv4-mapped
 * and NAT64 IPv6. Two lists: a BlockList also matches IPv4 addresses against IPv6 rules (mapped).
 */
const NON_PUBLIC_V4 = new BlockList();
const NON_PUBLIC_V6 = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24],
  ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) NON_PUBLIC_V4.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128], ['::1', 128], ['::ffff:0:0', 96], ['64:ff9b::', 96], ['100::', 64], ['2001:db8::', 32], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8],
] as const) NON_PUBLIC_V6.addSubnet(network, prefix, 'ipv6');

/** True unless `address` is a public unicast IP. Anything that is not an IP counts as non-public. */
export function isNonPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return NON_PUBLIC_V4.check(address, 'ipv4');
  if (family === 6) return NON_PUBLIC_V6.check(address, 'ipv6');
  return true;
}

export class BlockedAddressError extends Error {
  constructor(readonly host: string) {
    super(`${host} resolves to a loopback, private or otherwise non-public address`);
    this.name = 'BlockedAddressError';
  }
}

/** The host of a URL when it is an IP literal (Node connects to those without a lookup). */
export function ipLiteralOf(url: URL): string | null {
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return isIP(host) ? host : null;
}

/**
 * A `lookup` for http.request that refuses names resolving to a non-public address, checked on
 * the addresses actually connected to (no window for DNS rebinding between check and connect).
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    if (addresses.length === 0 || addresses.some((a) => isNonPublicAddress(a.address))) {
      return callback(Object.assign(new BlockedAddressError(hostname), { code: 'EBLOCKED' }) as NodeJS.ErrnoException, '', 0);
    }
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
};
