/** `GET /me/sessions` items: the caller's active (not revoked, not expired) sessions. */
export interface SessionDto {
  id: string;
  object: 'session';
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
  /** True for the session that made this request. */
  current: boolean;
}

/** Reply to `DELETE /me/sessions/{id}`. */
export interface RevokedSessionReply {
  id: string;
  object: 'session';
  revoked: true;
}
