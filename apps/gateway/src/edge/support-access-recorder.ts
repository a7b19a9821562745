import { auditFromContext, type RequestContext } from '@agentry/contracts';
import { OutboxWriter } from '@agentry/messaging';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The trail where records without an org go (impersonation start and end, user-level support requests). */
export const PLATFORM_TRAIL = 'platform';

/**
 * Every request a support (impersonation) session makes is audited once it is answered, reads and
 * refusals included, in the org it acts in (or the platform trail when none), with the status: the
 * customer can see what support looked at. Writes are audited by their services as well.
 */
@Injectable()
export class SupportAccessRecorder {
  private readonly logger = new Logger('SupportAccessRecorder');

  constructor(private readonly dataSource: DataSource, private readonly outbox: OutboxWriter) {}

  record(ctx: RequestContext, method: string, path: string, status: number): void {
    if (!ctx.impersonator) return;
    const outcome = status < 400 ? 'success' : status === 401 || status === 403 ? 'denied' : 'failure';
    void this.outbox
      .addEvent(this.dataSource.manager, {
        type: 'support.accessed', orgId: ctx.orgId ?? PLATFORM_TRAIL, applicationId: ctx.applicationId ?? null, data: { method, path, status },
        traceparent: ctx.traceparent,
        audit: auditFromContext(ctx, 'support.access', { type: 'route', id: `${method} ${path}` }, { status }, outcome),
      })
      .catch((error: unknown) => this.logger.warn(`could not record a support access: ${(error as Error).message}`));
  }
}
