import { createHmac, timingSafeEqual } from 'node:crypto';
import { Errors } from '@agentry/contracts';

/**
 * Opaque, tamper-evident list cursors: the position plus the list's scope (which list, which
 * tenant, which filters), HMAC-signed. A forged cursor, or one from another list or tenant,
 * is refused with 400 `invalid_cursor`.
 */
export class CursorCodec {
  constructor(private readonly secret: string) {}

  encode(scope: string, position: Record<string, string | number>): string {
    const body = Buffer.from(JSON.stringify({ s: scope, p: position })).toString('base64url');
    return `${body}.${this.sign(body)}`;
  }

  decode<T extends Record<string, string | number>>(scope: string, cursor: string): T {
    const [body, mac] = cursor.split('.');
    if (!body || !mac) throw Errors.invalidCursor();
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw Errors.invalidCursor();
    let parsed: { s?: string; p?: T };
    try {
      parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      throw Errors.invalidCursor();
    }
    if (parsed.s !== scope || !parsed.p) throw Errors.invalidCursor();
    return parsed.p;
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}

/** The scope string of a list: its name, the tenant and the filters, so a cursor only fits where it came from. */
export function cursorScope(list: string, tenant: Record<string, string | undefined>, filters: Record<string, unknown> = {}): string {
  return JSON.stringify([list, tenant, filters]);
}
