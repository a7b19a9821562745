import { auditFromContext, type RequestContext } from '@agentry/contracts';
import { OutboxWriter } from '@agentry/messaging';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * Records refused requests (401/403/429 where the org is known) in the audit trail: an event with
 * outcome `denied` goes through the gateway's own outbox, like every other audited change. The
 * action is the permission at stake written as an action (`agents:run` → `agents.run`, since
 * actions are dotted), or `request` when the refusal was about something else (a foreign
 * end-user, a context mismatch, a rate limit); metadata carries the refusal's `code`.
 */
@Injectable()
export class DenialRecorder {
  private readonly logger = new Logger('DenialRecorder');

  constructor(private readonly dataSource: DataSource, private readonly outbox: OutboxWriter) {}

  record(ctx: RequestContext, details: { code: string; status: number; method: string; path: string; permission?: string }): void {
    if (!ctx.orgId) return;
    const action = details.permission ? details.permission.replace(':', '.') : 'request';
    void this.outbox
      .addEvent(this.dataSource.manager, {
        type: 'request.denied', orgId: ctx.orgId, applicationId: ctx.applicationId ?? null, data: details,
        traceparent: ctx.traceparent,
        audit: auditFromContext(ctx, action, { type: 'route', id: `${details.method} ${details.path}` }, {
          code: details.code, status: details.status, ...(details.permission ? { permission: details.permission } : {}),
        }, 'denied'),
      })
      .catch((error: unknown) => this.logger.warn(`could not record a denial: ${(error as Error).message}`));
  }
}
