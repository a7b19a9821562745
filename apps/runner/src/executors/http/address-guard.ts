import { guardedLookup } from '@agentry/outbound';

export class BlockedAddressError extends Error {
  readonly code = 'EBLOCKED';

  constructor(readonly host: string) {
    super(`${host} resolves to a loopback, private or otherwise non-public address`);
    this.name = 'BlockedAddressError';
  }
}

/** The runner's `lookup` for agent URLs: the platform's forbidden ranges (@agentry/outbound), checked at connect time. */
export const publicOnlyLookup = guardedLookup((hostname) => new BlockedAddressError(hostname));
