import { appError } from '@agentry/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IdentityConfig } from '../config/identity.config.js';

/**
 * Failed-login counters in identity's schema, in two buckets per attempt: the (canonical) email
 * from this client IP, limited to `LOGIN_MAX_FAILURES`, and the email from everywhere, limited to
 * the larger `LOGIN_MAX_FAILURES_PER_EMAIL`. So a guesser on one address is stopped after a few
 * tries without locking the owner out from theirs, and a distributed guesser still meets a ceiling.
 *
 * An attempt is counted BEFORE the password is checked, in one atomic upsert, so concurrent
 * guesses cannot slip past the limit; a successful login clears both buckets. A window starts at
 * its first failure. Unknown emails are counted like known ones, so a 429 reveals nothing.
 */
@Injectable()
export class LoginThrottle {
  constructor(private readonly dataSource: DataSource, private readonly config: IdentityConfig) {}

  /** Throws 429 `rate_limited` (with `retryAfterSeconds`) once either bucket used up its failures. */
  async countAttempt(email: string, ip: string | undefined): Promise<void> {
    await this.count(
      [{ bucket: pairBucket(email, ip), max: this.config.LOGIN_MAX_FAILURES }, { bucket: emailBucket(email), max: this.config.LOGIN_MAX_FAILURES_PER_EMAIL }],
      'Too many failed logins for this email. Try again later.',
    );
  }

  /**
   * Authenticator codes of one user, wherever they are tried (enable, disable, login): at most
   * `LOGIN_MAX_FAILURES` per window, so a stolen session cannot guess its way to turning 2FA off.
   */
  async countTotpAttempt(userId: string): Promise<void> {
    await this.count([{ bucket: totpBucket(userId), max: this.config.LOGIN_MAX_FAILURES }], 'Too many authenticator codes tried. Try again later.');
  }

  /** One atomic upsert over the buckets (a window restarts once it has passed); 429 when any is over its limit. */
  private async count(buckets: Array<{ bucket: string; max: number }>, detail: string): Promise<void> {
    const names = buckets.map((b) => b.bucket);
    const rows: Array<{ bucket: string; attempts: number; retry_after: string }> = await this.dataSource.query(
      `INSERT INTO "identity"."login_failures" AS f ("bucket", "window_started_at", "attempts")
         SELECT name, now(), 1 FROM unnest($1::text[]) WITH ORDINALITY AS b(name, position) ORDER BY position
       ON CONFLICT ("bucket") DO UPDATE SET
         "attempts" = CASE WHEN f."window_started_at" <= now() - make_interval(secs => $2) THEN 1 ELSE f."attempts" + 1 END,
         "window_started_at" = CASE WHEN f."window_started_at" <= now() - make_interval(secs => $2) THEN now() ELSE f."window_started_at" END
       RETURNING "bucket", "attempts", EXTRACT(EPOCH FROM ("window_started_at" + make_interval(secs => $2) - now())) AS "retry_after"`,
      [names, this.config.LOGIN_FAILURE_WINDOW_SECONDS],
    );
    const limitOf = new Map(buckets.map((b) => [b.bucket, b.max]));
    const over = rows.filter((row) => row.attempts > (limitOf.get(row.bucket) ?? 0));
    if (over.length > 0) {
      const retryAfterSeconds = Math.max(1, Math.ceil(Math.max(...over.map((row) => Number(row.retry_after)))));
      throw appError(429, 'rate_limited', detail, { retryAfterSeconds });
    }
  }

  async clearTotp(userId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM "identity"."login_failures" WHERE "bucket" = $1`, [totpBucket(userId)]);
  }

  /** After a successful login: forgets the email's failures, and sweeps windows that have ended. */
  async clear(email: string, ip: string | undefined): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM "identity"."login_failures" WHERE "bucket" IN ($1, $2) OR "window_started_at" <= now() - make_interval(secs => $3)`,
      [pairBucket(email, ip), emailBucket(email), this.config.LOGIN_FAILURE_WINDOW_SECONDS],
    );
  }
}

// The login email is whatever the client typed, so the two kinds of bucket differ in their first
// characters: no typed email can name another account's per-IP bucket.
const emailBucket = (email: string): string => `email:${email}`;
const pairBucket = (email: string, ip: string | undefined): string => `ip:${ip ?? 'unknown'} email:${email}`;
const totpBucket = (userId: string): string => `totp:${userId}`;
