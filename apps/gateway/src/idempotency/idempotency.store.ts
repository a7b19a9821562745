import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type BeginResult =
  | { kind: 'proceed' }
  | { kind: 'mismatch' }
  | { kind: 'in_flight' }
  | { kind: 'replay'; response: StoredResponse };

const LOCK_SECONDS = 60;
const KEEP_HOURS = 24;

/** Idempotency records in the gateway's schema, kept 24 h. */
@Injectable()
export class IdempotencyStore {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Claims the key, or tells why not. A key whose first request died mid-flight (lock expired)
   * may be taken over by a retry of the same request.
   */
  async begin(scopeHash: string, fingerprint: string, method: string, path: string): Promise<BeginResult> {
    const claimed: unknown[] = await this.dataSource.query(
      `INSERT INTO "gateway"."idempotency_keys" ("scope_hash", "fingerprint", "method", "path", "state", "locked_until", "expires_at")
       VALUES ($1, $2, $3, $4, 'in_flight', now() + make_interval(secs => $5), now() + make_interval(hours => $6))
       ON CONFLICT ("scope_hash") DO UPDATE SET "fingerprint" = EXCLUDED."fingerprint", "method" = EXCLUDED."method", "path" = EXCLUDED."path",
         "state" = 'in_flight', "locked_until" = EXCLUDED."locked_until", "expires_at" = EXCLUDED."expires_at",
         "response_status" = NULL, "response_headers" = NULL, "response_body" = NULL, "created_at" = now()
       WHERE "idempotency_keys"."expires_at" < now()
          OR ("idempotency_keys"."state" = 'in_flight' AND "idempotency_keys"."locked_until" < now() AND "idempotency_keys"."fingerprint" = EXCLUDED."fingerprint")
       RETURNING 1`,
      [scopeHash, fingerprint, method, path, LOCK_SECONDS, KEEP_HOURS],
    );
    if (claimed.length === 1) return { kind: 'proceed' };
    const rows: { fingerprint: string; method: string; path: string; state: string; response_status: number | null; response_headers: Record<string, string> | null; response_body: string | null }[] =
      await this.dataSource.query(
        `SELECT "fingerprint", "method", "path", "state", "response_status", "response_headers", "response_body"
         FROM "gateway"."idempotency_keys" WHERE "scope_hash" = $1`,
        [scopeHash],
      );
    const row = rows[0];
    if (!row) return this.begin(scopeHash, fingerprint, method, path); // expired and deleted in between
    if (row.fingerprint !== fingerprint || row.method !== method || row.path !== path) return { kind: 'mismatch' };
    if (row.state !== 'done') return { kind: 'in_flight' };
    return { kind: 'replay', response: { status: row.response_status ?? 200, headers: row.response_headers ?? {}, body: row.response_body ?? '' } };
  }

  async complete(scopeHash: string, response: StoredResponse): Promise<void> {
    await this.dataSource.query(
      `UPDATE "gateway"."idempotency_keys" SET "state" = 'done', "response_status" = $2, "response_headers" = $3, "response_body" = $4
       WHERE "scope_hash" = $1`,
      [scopeHash, response.status, JSON.stringify(response.headers), response.body],
    );
  }

  /** Forgets the key: the outcome is not one a retry should see again. */
  async release(scopeHash: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM "gateway"."idempotency_keys" WHERE "scope_hash" = $1`, [scopeHash]);
  }

  async purgeExpired(): Promise<number> {
    const result: [unknown[], number] = await this.dataSource.query(`DELETE FROM "gateway"."idempotency_keys" WHERE "expires_at" < now()`);
    return Array.isArray(result) ? Number(result[1] ?? 0) : 0;
  }
}
