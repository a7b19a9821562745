import type { WebhookMessageStatus } from '@agentry/contracts';
import type { AppScope } from '@agentry/persistence';
import { Injectable } from '@nestjs/common';
import { DataSource, In, LessThan, MoreThanOrEqual, type EntityManager } from 'typeorm';
import { WebhookAttemptEntity } from './entities/webhook-attempt.entity.js';
import { WebhookMessageEntity } from './entities/webhook-message.entity.js';
import { WebhookPayloadEntity } from './entities/webhook-payload.entity.js';

export interface NewAttempt {
  attemptedAt: Date;
  status: number | null;
  error: string | null;
  durationMs: number;
}

/** Messages are app-scoped like their endpoint; every read names the org, application and endpoint. */
@Injectable()
export class MessagesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The exact bytes of an event, once (a second fan-out of the same event keeps the first). */
  async insertPayload(manager: EntityManager, payload: WebhookPayloadEntity): Promise<void> {
    await manager.createQueryBuilder().insert().into(WebhookPayloadEntity).values(payload).orIgnore().execute();
  }

  /** One message per (endpoint, event): returns how many were new. */
  async insertMessages(manager: EntityManager, messages: WebhookMessageEntity[]): Promise<number> {
    if (messages.length === 0) return 0;
    const result = await manager.createQueryBuilder().insert().into(WebhookMessageEntity).values(messages).orIgnore().returning(['id']).execute();
    return (result.raw as unknown[]).length;
  }

  listForEndpoint(scope: AppScope, endpointId: string, limit: number, afterId?: string, status?: WebhookMessageStatus): Promise<WebhookMessageEntity[]> {
    return this.dataSource.getRepository(WebhookMessageEntity).find({
      where: {
        orgId: scope.orgId, applicationId: scope.applicationId, endpointId,
        ...(afterId ? { id: LessThan(afterId) } : {}), ...(status ? { status } : {}),
      },
      order: { id: 'DESC' },
      take: limit,
    });
  }

  findById(scope: AppScope, endpointId: string, id: string): Promise<WebhookMessageEntity | null> {
    return this.dataSource.getRepository(WebhookMessageEntity).findOneBy({ id, endpointId, orgId: scope.orgId, applicationId: scope.applicationId });
  }

  /** Attempts of the given messages (already scoped by the caller), oldest first, grouped by message. */
  async attemptsFor(messageIds: string[]): Promise<Map<string, WebhookAttemptEntity[]>> {
    const byMessage = new Map<string, WebhookAttemptEntity[]>(messageIds.map((id) => [id, []]));
    if (messageIds.length === 0) return byMessage;
    const attempts = await this.dataSource.getRepository(WebhookAttemptEntity).find({ where: { messageId: In(messageIds) }, order: { id: 'ASC' } });
    for (const attempt of attempts) byMessage.get(attempt.messageId)?.push(attempt);
    return byMessage;
  }

  /** A manual retry: the message is due now (a failed one gets one more attempt). */
  async makeDueNow(manager: EntityManager, scope: AppScope, endpointId: string, id: string): Promise<WebhookMessageEntity | null> {
    const repository = manager.getRepository(WebhookMessageEntity);
    const where = { id, endpointId, orgId: scope.orgId, applicationId: scope.applicationId };
    const result = await repository.update(where, { status: 'pending', nextAttemptAt: new Date(), updatedAt: new Date() });
    return (result.affected ?? 0) > 0 ? repository.findOneBy(where) : null;
  }

  /** Every failed message of the endpoint created at or after `since` is due now; returns how many. */
  async recoverFailed(manager: EntityManager, scope: AppScope, endpointId: string, since: Date): Promise<number> {
    const result = await manager.getRepository(WebhookMessageEntity).update(
      { endpointId, orgId: scope.orgId, applicationId: scope.applicationId, status: 'failed', createdAt: MoreThanOrEqual(since) },
      { status: 'pending', nextAttemptAt: new Date(), updatedAt: new Date() },
    );
    return result.affected ?? 0;
  }

  async recordAttempt(manager: EntityManager, scope: AppScope, messageId: string, attempt: NewAttempt, next: { status: WebhookMessageStatus; nextAttemptAt: Date | null }): Promise<void> {
    const updated = await manager.getRepository(WebhookMessageEntity).update(
      { id: messageId, orgId: scope.orgId, applicationId: scope.applicationId },
      { status: next.status, nextAttemptAt: next.nextAttemptAt, attemptCount: () => '"attempt_count" + 1', updatedAt: new Date() },
    );
    if ((updated.affected ?? 0) === 0) return; // the endpoint (and its messages) was deleted meanwhile
    await manager.getRepository(WebhookAttemptEntity).insert({ messageId, ...attempt });
  }
}
