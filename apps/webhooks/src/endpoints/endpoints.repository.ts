import { WEBHOOK_WILDCARD, type WebhookDisabledReason } from '@agentry/contracts';
import type { AppScope, OrgScope } from '@agentry/persistence';
import { Injectable } from '@nestjs/common';
import { DataSource, LessThan, type EntityManager } from 'typeorm';
import { WebhookEndpointEntity } from './entities/webhook-endpoint.entity.js';

/** Endpoints are app-scoped: every read and write names the org and the application. */
@Injectable()
export class EndpointsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, endpoint: WebhookEndpointEntity): Promise<void> {
    await manager.getRepository(WebhookEndpointEntity).insert(endpoint);
  }

  findById(scope: AppScope, id: string): Promise<WebhookEndpointEntity | null> {
    return this.dataSource.getRepository(WebhookEndpointEntity).findOneBy({ id, orgId: scope.orgId, applicationId: scope.applicationId });
  }

  /** The same, row-locked inside the caller's transaction (for read-modify-write). */
  findForUpdate(manager: EntityManager, scope: AppScope, id: string): Promise<WebhookEndpointEntity | null> {
    return manager.getRepository(WebhookEndpointEntity).findOne({
      where: { id, orgId: scope.orgId, applicationId: scope.applicationId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** Newest first; `afterId` is the last id of the previous page. */
  list(scope: AppScope, limit: number, afterId?: string): Promise<WebhookEndpointEntity[]> {
    return this.dataSource.getRepository(WebhookEndpointEntity).find({
      where: { orgId: scope.orgId, applicationId: scope.applicationId, ...(afterId ? { id: LessThan(afterId) } : {}) },
      order: { id: 'DESC' },
      take: limit,
    });
  }

  async save(manager: EntityManager, scope: AppScope, endpoint: WebhookEndpointEntity): Promise<void> {
    const { id, orgId: _orgId, applicationId: _applicationId, createdAt: _createdAt, ...changes } = endpoint;
    await manager.getRepository(WebhookEndpointEntity).update({ id, orgId: scope.orgId, applicationId: scope.applicationId }, changes);
  }

  async delete(manager: EntityManager, scope: AppScope, id: string): Promise<boolean> {
    const result = await manager.getRepository(WebhookEndpointEntity).delete({ id, orgId: scope.orgId, applicationId: scope.applicationId });
    return (result.affected ?? 0) > 0;
  }

  /**
   * Enabled endpoints of the event's org subscribed to its type: an app-scoped event goes to that
   * application's endpoints, an org-level event (no application) to every endpoint of the org.
   * An endpoint gets only events that happened after it was created (a lagging consumer does not
   * send history to a new endpoint).
   */
  findSubscribers(
    manager: EntityManager,
    scope: OrgScope & { applicationId: string | null },
    event: { type: string; occurredAt: Date },
  ): Promise<WebhookEndpointEntity[]> {
    const eventType = event.type;
    const q = manager
      .getRepository(WebhookEndpointEntity)
      .createQueryBuilder('e')
      .where('e.orgId = :orgId', { orgId: scope.orgId })
      .andWhere('e.enabled')
      .andWhere('e.createdAt <= :occurredAt', { occurredAt: event.occurredAt })
      .andWhere('(e.events @> ARRAY[:eventType]::text[] OR e.events @> ARRAY[:wildcard]::text[])', { eventType, wildcard: WEBHOOK_WILDCARD });
    if (scope.applicationId) q.andWhere('e.applicationId = :applicationId', { applicationId: scope.applicationId });
    return q.orderBy('e.id', 'ASC').getMany();
  }

  /** After a 2xx: the endpoint is healthy again. */
  async markHealthy(manager: EntityManager, scope: AppScope, id: string): Promise<void> {
    await manager.query(
      `UPDATE "webhooks"."endpoints" SET "failing_since" = NULL WHERE "id" = $1 AND "org_id" = $2 AND "application_id" = $3 AND "failing_since" IS NOT NULL`,
      [id, scope.orgId, scope.applicationId],
    );
  }

  /** After a failed attempt: returns since when the endpoint has been failing (now, if it was healthy). */
  async markFailing(manager: EntityManager, scope: AppScope, id: string): Promise<Date | null> {
    // TypeORM answers an UPDATE ... RETURNING with [rows, affected].
    const [rows]: [{ failing_since: Date }[], number] = await manager.query(
      `UPDATE "webhooks"."endpoints" SET "failing_since" = COALESCE("failing_since", now())
       WHERE "id" = $1 AND "org_id" = $2 AND "application_id" = $3 RETURNING "failing_since"`,
      [id, scope.orgId, scope.applicationId],
    );
    return rows[0]?.failing_since ?? null;
  }

  /** Disables an enabled endpoint; returns it, or null when it was already disabled or is gone. */
  async disable(manager: EntityManager, scope: AppScope, id: string, reason: WebhookDisabledReason): Promise<WebhookEndpointEntity | null> {
    const result = await manager.getRepository(WebhookEndpointEntity).update(
      { id, orgId: scope.orgId, applicationId: scope.applicationId, enabled: true },
      { enabled: false, disabledReason: reason, updatedAt: new Date() },
    );
    if ((result.affected ?? 0) === 0) return null;
    return manager.getRepository(WebhookEndpointEntity).findOneBy({ id });
  }
}
