import type { OrgScope } from '@agentry/persistence';
import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, type EntityManager, type QueryDeepPartialEntity } from 'typeorm';
import { AuditEventEntity } from './entities/audit-event.entity.js';

/** Namespace of the audit service's advisory locks (first key of pg_advisory_xact_lock(int, int)). */
const CHAIN_LOCK_SPACE = 0x41554454; // "AUDT"

/** Restrictions on top of the org: an API key sees its application's records, an end-user context its own. */
export interface AuditReadScope extends OrgScope {
  readonly applicationId?: string;
  readonly endUserId?: string;
}

export interface AuditFilters {
  action?: string;
  actorType?: string;
  actorId?: string;
  resourceType?: string;
  resourceId?: string;
  endUserId?: string;
  outcome?: string;
  from?: Date;
  to?: Date;
}

export interface AuditPosition {
  occurredAt: Date;
  id: string;
}

@Injectable()
export class AuditEventsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Appends one record to its org's chain. The per-org advisory lock (held until commit) makes
   * "read the last hash, insert the next link" atomic across consumers and replicas.
   */
  async appendToChain(manager: EntityManager, scope: OrgScope, link: (prevHash: string | null) => AuditEventEntity): Promise<AuditEventEntity> {
    await manager.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [CHAIN_LOCK_SPACE, scope.orgId]);
    const last: { hash: string }[] = await manager.query(
      `SELECT "hash" FROM "audit"."audit_events" WHERE "org_id" = $1 ORDER BY "seq" DESC LIMIT 1`,
      [scope.orgId],
    );
    const record = link(last[0]?.hash ?? null);
    // jsonb `metadata` is typed as a plain record, which TypeORM's deep-partial type cannot express.
    await manager.getRepository(AuditEventEntity).insert(record as QueryDeepPartialEntity<AuditEventEntity>);
    return record;
  }

  /** Newest first by occurrence; `after` is the last row of the previous page. */
  list(scope: AuditReadScope, filters: AuditFilters, limit: number, after?: AuditPosition): Promise<AuditEventEntity[]> {
    const q = this.dataSource.getRepository(AuditEventEntity).createQueryBuilder('a').where('a.orgId = :orgId', { orgId: scope.orgId });
    if (scope.applicationId) q.andWhere('a.applicationId = :scopeApplicationId', { scopeApplicationId: scope.applicationId });
    if (scope.endUserId) q.andWhere('a.endUserId = :scopeEndUserId', { scopeEndUserId: scope.endUserId });
    if (filters.action) q.andWhere('a.action = :action', { action: filters.action });
    if (filters.actorType) q.andWhere('a.actorType = :actorType', { actorType: filters.actorType });
    if (filters.actorId) q.andWhere('a.actorId = :actorId', { actorId: filters.actorId });
    if (filters.resourceType) q.andWhere('a.resourceType = :resourceType', { resourceType: filters.resourceType });
    if (filters.resourceId) q.andWhere('a.resourceId = :resourceId', { resourceId: filters.resourceId });
    if (filters.endUserId) q.andWhere('a.endUserId = :endUserId', { endUserId: filters.endUserId });
    if (filters.outcome) q.andWhere('a.outcome = :outcome', { outcome: filters.outcome });
    if (filters.from) q.andWhere('a.occurredAt >= :from', { from: filters.from });
    if (filters.to) q.andWhere('a.occurredAt < :to', { to: filters.to });
    if (after) {
      q.andWhere(
        new Brackets((b) => {
          b.where('a.occurredAt < :afterAt', { afterAt: after.occurredAt }).orWhere('(a.occurredAt = :afterAt AND a.id < :afterId)', { afterId: after.id });
        }),
      );
    }
    return q.orderBy('a.occurredAt', 'DESC').addOrderBy('a.id', 'DESC').limit(limit).getMany();
  }

  /** The org's chain in append order, `limit` records after sequence number `afterSeq`. */
  /** Where verification starts: the hash of the last record retention removed, or null. */
  async chainAnchor(scope: OrgScope): Promise<string | null> {
    const rows: { anchor_hash: string }[] = await this.dataSource.query(`SELECT "anchor_hash" FROM "audit"."chain_checkpoints" WHERE "org_id" = $1`, [scope.orgId]);
    return rows[0]?.anchor_hash ?? null;
  }

  /** Orgs holding a record older than `before` (candidates for the retention sweep). */
  async orgsWithRecordsBefore(before: Date, limit: number): Promise<string[]> {
    const rows: { org_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT "org_id" FROM "audit"."audit_events" WHERE "occurred_at" < $1 LIMIT $2`, [before, limit],
    );
    return rows.map((row) => row.org_id);
  }

  /**
   * Removes the oldest records of the org's chain that occurred before `cutoff`, as one prefix of
   * the chain (never past a newer record, never the org's last record, so appending goes on
   * from it), under the append lock, and moves the org's checkpoint to the last removed hash.
   */
  async prunePrefix(scope: OrgScope, cutoff: Date): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [CHAIN_LOCK_SPACE, scope.orgId]);
      const [bounds] = await manager.query(
        `SELECT
           (SELECT min("seq") FROM "audit"."audit_events" WHERE "org_id" = $1 AND "occurred_at" >= $2) AS "first_kept",
           (SELECT max("seq") FROM "audit"."audit_events" WHERE "org_id" = $1) AS "last"`,
        [scope.orgId, cutoff],
      ) as { first_kept: string | null; last: string | null }[];
      if (!bounds?.last) return 0;
      const stopAt = bounds.first_kept === null ? bounds.last : (BigInt(bounds.first_kept) < BigInt(bounds.last) ? bounds.first_kept : bounds.last);
      const [anchor] = await manager.query(
        `SELECT "hash", "occurred_at" FROM "audit"."audit_events" WHERE "org_id" = $1 AND "seq" < $2 ORDER BY "seq" DESC LIMIT 1`, [scope.orgId, stopAt],
      ) as { hash: string; occurred_at: Date }[];
      if (!anchor) return 0;
      await manager.query(`SET LOCAL agentry.audit_retention = 'on'`);
      const deleted = await manager.query(`DELETE FROM "audit"."audit_events" WHERE "org_id" = $1 AND "seq" < $2`, [scope.orgId, stopAt]) as [unknown[], number];
      const count = Array.isArray(deleted) ? Number(deleted[1] ?? 0) : 0;
      await manager.query(
        `INSERT INTO "audit"."chain_checkpoints" AS c ("org_id", "anchor_hash", "pruned_records", "pruned_through") VALUES ($1, $2, $3, $4)
         ON CONFLICT ("org_id") DO UPDATE SET "anchor_hash" = EXCLUDED."anchor_hash", "pruned_records" = c."pruned_records" + EXCLUDED."pruned_records",
           "pruned_through" = GREATEST(c."pruned_through", EXCLUDED."pruned_through"), "updated_at" = now()`,
        [scope.orgId, anchor.hash, count, anchor.occurred_at],
      );
      return count;
    });
  }

  chainPage(scope: OrgScope, afterSeq: string, limit: number): Promise<AuditEventEntity[]> {
    return this.dataSource
      .getRepository(AuditEventEntity)
      .createQueryBuilder('a')
      .where('a.orgId = :orgId', { orgId: scope.orgId })
      .andWhere('a.seq > :afterSeq', { afterSeq })
      .orderBy('a.seq', 'ASC')
      .limit(limit)
      .getMany();
  }
}
