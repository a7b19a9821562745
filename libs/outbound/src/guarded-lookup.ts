import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { isForbiddenAddress } from './forbidden-address.js';

/**
 * A `lookup` for http.request that resolves the name, then refuses (with the error `refuse`
 * makes) when any address is forbidden. The check runs on the addresses actually connected to,
 * so DNS rebinding between a create-time check and the call gains nothing.
 */
export function guardedLookup(refuse: (hostname: string) => Error): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, resolved) => {
      if (error) return callback(error, '', 0);
      const addresses = resolved as unknown as LookupAddress[];
      if (addresses.length === 0 || addresses.some((a) => isForbiddenAddress(a.address))) return callback(refuse(hostname) as NodeJS.ErrnoException, '', 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}
