import type { SessionIssuedReply } from '@agentry/contracts';
import type { GatewayReply } from '../../core/gateway-request.js';

export const SESSION_COOKIE = 'agentry_session';
export const CSRF_COOKIE = 'agentry_csrf';

/** The session token travels only in an HttpOnly cookie; the CSRF token is readable for double-submit. */
export function setSessionCookies(reply: GatewayReply, issued: SessionIssuedReply, secure: boolean): void {
  const maxAge = Math.max(0, Math.floor((Date.parse(issued.expiresAt) - Date.now()) / 1000));
  reply.setCookie(SESSION_COOKIE, issued.sessionToken, { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge });
  reply.setCookie(CSRF_COOKIE, issued.csrfToken, { httpOnly: false, sameSite: 'lax', secure, path: '/', maxAge });
}

export function clearSessionCookies(reply: GatewayReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', secure });
  reply.clearCookie(CSRF_COOKIE, { path: '/', secure });
}
