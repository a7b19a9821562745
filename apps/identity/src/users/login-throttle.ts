import { appError } from '@agentry/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IdentityConfig } from '../config/identity.config.js';

/**
 * Failed-login counters per (canonical) email, in identity's schema. An attempt is counted
 * BEFORE the password is checked, in one atomic upsert, so concurrent guesses cannot slip past
 * the limit; a successful login clears the counter. The window starts at the first failure.
 * Unknown emails are counted like known ones, so a 429 reveals nothing about accounts.
 */
@Injectable()
export class LoginThrottle {
  constructor(private readonly dataSource: DataSource, private readonly config: IdentityConfig) {}

  /** Throws 429 `rate_limited` (with `retryAfterSeconds`) once the email used up its failures. */
  async countAttempt(email: string): Promise<void> {
    const rows: Array<{ attempts: number; retry_after: string }> = await this.dataSource.query(
      `INSERT INTO "identity"."login_failures" AS f ("email", "window_started_at", "attempts") VALUES ($1, now(), 1)
       ON CONFLICT ("email") DO UPDATE SET
         "attempts" = CASE WHEN f."window_started_at" <= now() - make_interval(secs => $2) THEN 1 ELSE f."attempts" + 1 END,
         "window_started_at" = CASE WHEN f."window_started_at" <= now() - make_interval(secs => $2) THEN now() ELSE f."window_started_at" END
       RETURNING "attempts", EXTRACT(EPOCH FROM ("window_started_at" + make_interval(secs => $2) - now())) AS "retry_after"`,
      [email, this.config.LOGIN_FAILURE_WINDOW_SECONDS],
    );
    const row = rows[0];
    if (row && row.attempts > this.config.LOGIN_MAX_FAILURES) {
      const retryAfterSeconds = Math.max(1, Math.ceil(Number(row.retry_after)));
      throw appError(429, 'rate_limited', 'Too many failed logins for this email. Try again later.', { retryAfterSeconds });
    }
  }

  /** After a successful login: forgets the email's failures, and sweeps windows that have ended. */
  async clear(email: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM "identity"."login_failures" WHERE "email" = $1 OR "window_started_at" <= now() - make_interval(secs => $2)`,
      [email, this.config.LOGIN_FAILURE_WINDOW_SECONDS],
    );
  }
}
