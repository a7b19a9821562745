import { ALL_PERMISSIONS, auditFromContext, AuditSubjects, BUILT_IN_ROLE_PERMISSIONS, type RequestContext } from '@agentry/contracts';
import { OutboxWriter } from '@agentry/messaging';
import { Controller, Get, Query, Res } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Context } from '../../core/context.decorator.js';
import type { GatewayReply } from '../../core/gateway-request.js';
import { Public, Requires } from '../../core/route-metadata.js';
import { Services } from '../../core/services.client.js';
import { auditExportStream, EXPORT_FORMATS, exportRequest } from './export/audit-export.js';

@Controller()
export class AuditController {
  constructor(private readonly services: Services, private readonly dataSource: DataSource, private readonly outbox: OutboxWriter) {}

  @Get('audit-events') @Requires('audit:read')
  list(@Context() ctx: RequestContext, @Query() query: Record<string, string>) {
    return this.services.call(AuditSubjects.listEvents, ctx, query);
  }

  /**
   * `?format=ndjson|csv` plus the list's filters: every matching record, streamed. The export is
   * itself audited (`audit.export`), from the gateway's outbox, once the first page is in hand.
   */
  @Get('audit-events/export') @Requires('audit:export')
  async export(@Context() ctx: RequestContext, @Query() query: Record<string, string>, @Res({ passthrough: true }) reply: GatewayReply) {
    const { format, filters } = exportRequest(query);
    const stream = await auditExportStream(this.services, ctx, format, filters);
    await this.outbox.addEvent(this.dataSource.manager, {
      type: 'audit.exported', orgId: ctx.orgId!, applicationId: ctx.applicationId ?? null, data: { format, filters }, traceparent: ctx.traceparent,
      audit: auditFromContext(ctx, 'audit.export', { type: 'audit_trail', id: ctx.orgId! }, { format, filters }),
    });
    const day = new Date().toISOString().slice(0, 10);
    void reply.type(EXPORT_FORMATS[format]).header('Content-Disposition', `attachment; filename="audit-${ctx.orgId}-${day}.${format}"`);
    return stream;
  }

  /** Walks the org's hash chain: `{valid, checked, firstInvalidId}`. */
  @Get('audit-events/verify') @Requires('audit:verify')
  verify(@Context() ctx: RequestContext) {
    return this.services.call(AuditSubjects.verifyChain, ctx, {});
  }

  /** The permission catalogue and what each built-in role holds. */
  @Get('permissions') @Public()
  permissions() {
    return { object: 'permission_catalogue', permissions: ALL_PERMISSIONS, roles: BUILT_IN_ROLE_PERMISSIONS };
  }
}
