import { ulid } from 'ulid';

export const ID_PREFIXES = {
  user: 'usr', org: 'org', application: 'app', endUser: 'eu', apiKey: 'key', invitation: 'inv',
  role: 'role', agent: 'agt', agentVersion: 'agv', run: 'run', connection: 'con', webhook: 'whk',
  message: 'msg', event: 'evt', audit: 'aud', impersonation: 'imp', request: 'req', session: 'ses',
} as const;
export type IdPrefix = (typeof ID_PREFIXES)[keyof typeof ID_PREFIXES];

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export function newId(prefix: IdPrefix): string {
  return `${prefix}_${ulid()}`;
}

/** True when `value` is `<prefix>_<ULID>`; anything else is treated as an unknown id (404). */
export function isId(prefix: IdPrefix, value: unknown): value is string {
  return typeof value === 'string' && value.length === prefix.length + 27 && value.startsWith(`${prefix}_`) && ULID.test(value.slice(prefix.length + 1));
}
