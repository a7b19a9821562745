import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** What one delivery needs: the message, its endpoint's URL and sealed secrets, and the payload bytes. */
export interface DueDelivery {
  messageId: string;
  orgId: string;
  applicationId: string;
  endpointId: string;
  eventType: string;
  attemptCount: number;
  url: string;
  secretEnc: string;
  previousSecretEnc: string | null;
  previousSecretExpiresAt: Date | null;
  body: string;
}

/**
 * The dispatcher's queue. This is the one cross-tenant read of the service, by design: the
 * platform delivers every tenant's messages. Each claimed row carries its own org and application.
 */
@Injectable()
export class DueMessagesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Leases up to `limit` due messages of enabled endpoints, at most `perEndpoint` per endpoint and
   * none of `busyEndpointIds` (this replica is still delivering to those: one endpoint's messages
   * go one at a time, oldest first). SKIP LOCKED, so replicas never take the same message; the
   * lease moves the next attempt `leaseMs` ahead, so a crash mid-delivery only delays it.
   */
  async claim(options: { limit: number; perEndpoint: number; leaseMs: number; busyEndpointIds: string[] }): Promise<DueDelivery[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `WITH oldest AS (
         SELECT m."id", m."endpoint_id", m."next_attempt_at" FROM "webhooks"."messages" m
         JOIN "webhooks"."endpoints" e ON e."id" = m."endpoint_id" AND e."enabled"
         WHERE m."status" = 'pending' AND m."next_attempt_at" <= now() AND m."endpoint_id" <> ALL($4::text[])
         ORDER BY m."next_attempt_at", m."id"
         LIMIT $1 * 10
       ), ranked AS (
         SELECT "id", row_number() OVER (PARTITION BY "endpoint_id" ORDER BY "next_attempt_at", "id") AS "rank" FROM oldest
       ), due AS (
         SELECT m."id" FROM "webhooks"."messages" m JOIN ranked r ON r."id" = m."id" AND r."rank" <= $2
         WHERE m."status" = 'pending' AND m."next_attempt_at" <= now()
         ORDER BY m."next_attempt_at", m."id"
         LIMIT $1
         FOR UPDATE OF m SKIP LOCKED
       ), leased AS (
         UPDATE "webhooks"."messages" m SET "next_attempt_at" = now() + make_interval(secs => $3::float8 / 1000)
         FROM due WHERE m."id" = due."id"
         RETURNING m.*
       )
       SELECT l."id", l."org_id", l."application_id", l."endpoint_id", l."event_type", l."attempt_count",
              e."url", e."secret_enc", e."previous_secret_enc", e."previous_secret_expires_at", p."body"
       FROM leased l
       JOIN "webhooks"."endpoints" e ON e."id" = l."endpoint_id"
       JOIN "webhooks"."payloads" p ON p."event_id" = l."event_id"
       ORDER BY l."id"`,
      [options.limit, options.perEndpoint, options.leaseMs, options.busyEndpointIds],
    );
    return rows.map((r) => ({
      messageId: r.id as string, orgId: r.org_id as string, applicationId: r.application_id as string, endpointId: r.endpoint_id as string,
      eventType: r.event_type as string, attemptCount: r.attempt_count as number, url: r.url as string, secretEnc: r.secret_enc as string,
      previousSecretEnc: r.previous_secret_enc as string | null, previousSecretExpiresAt: r.previous_secret_expires_at as Date | null,
      body: r.body as string,
    }));
  }

  /** Gives leased messages back (due now): used on shutdown for those not attempted yet. */
  async release(scope: { orgId: string }, messageIds: string[]): Promise<void> {
    if (messageIds.length === 0) return;
    await this.dataSource.query(
      `UPDATE "webhooks"."messages" SET "next_attempt_at" = now() WHERE "org_id" = $1 AND "id" = ANY($2::text[]) AND "status" = 'pending'`,
      [scope.orgId, messageIds],
    );
  }
}
