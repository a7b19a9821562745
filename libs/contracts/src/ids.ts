import { randomBytes } from 'node:crypto';
import { ValidateBy, type ValidationOptions } from 'class-validator';

export const ID_PREFIXES = {
  user: 'usr', org: 'org', application: 'app', endUser: 'eu', apiKey: 'key', invitation: 'inv',
  role: 'role', agent: 'agt', agentVersion: 'agv', run: 'run', connection: 'con', webhook: 'whk',
  message: 'msg', event: 'evt', audit: 'aud', impersonation: 'imp', request: 'req', session: 'ses',
} as const;
export type IdPrefix = (typeof ID_PREFIXES)[keyof typeof ID_PREFIXES];

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

// Random bytes drawn 4 KiB at a time: the `ulid` package asks the kernel once per character,
// which showed up as 5 % of the gateway's CPU (a request id per request).
let pool = Buffer.alloc(0);
let offset = 0;
function random10(): Buffer {
  if (offset + 10 > pool.length) {
    pool = randomBytes(4096);
    offset = 0;
  }
  offset += 10;
  return pool.subarray(offset - 10, offset);
}

/** A ULID: 48-bit millisecond time then 80 random bits, Crockford base32, sortable by time. */
export function ulid(now: number = Date.now()): string {
  let time = '';
  for (let i = 0, t = now; i < 10; i++, t = Math.floor(t / 32)) time = CROCKFORD[t % 32] + time;
  let rand = '';
  let value = 0;
  let bits = 0;
  for (const byte of random10()) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      rand += CROCKFORD[(value >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return time + rand;
}

export function newId(prefix: IdPrefix): string {
  return `${prefix}_${ulid()}`;
}

/** True when `value` is `<prefix>_<ULID>`; anything else is treated as an unknown id (404). */
export function isId(prefix: IdPrefix, value: unknown): value is string {
  return typeof value === 'string' && value.length === prefix.length + 27 && value.startsWith(`${prefix}_`) && ULID.test(value.slice(prefix.length + 1));
}

/** class-validator: the value is a `<prefix>_<ULID>` id (a filter naming a malformed id is a 400, not an empty list). */
export function IsPrefixedId(prefix: IdPrefix, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPrefixedId',
      constraints: [prefix],
      validator: {
        validate: (value: unknown) => isId(prefix, value),
        defaultMessage: (args) => `${args?.property ?? 'value'} must be an id of the form ${prefix}_<26 characters>`,
      },
    },
    options,
  );
}
