import { listReply, requireOrg, type AuditEventDto, type ListAuditEventsRequest, type ListReply, type RequestContext } from '@agentry/contracts';
import { CursorCodec, cursorScope } from '@agentry/persistence';
import { Injectable } from '@nestjs/common';
import { AuditConfig } from '../../../config/audit.config.js';
import { AuditEventsRepository, type AuditFilters, type AuditReadScope } from '../../audit-events.repository.js';
import { toAuditEventDto } from '../../audit-event.mapper.js';

const DEFAULT_LIMIT = 20;

/**
 * The org's audit trail, newest first. A request made with an API key sees its application's
 * records only; a request acting for an end-user sees only that end-user's records.
 */
@Injectable()
export class ListAuditEvents {
  private readonly cursors: CursorCodec;

  constructor(private readonly records: AuditEventsRepository, config: AuditConfig) {
    this.cursors = new CursorCodec(config.CURSOR_SECRET);
  }

  async execute(ctx: RequestContext, input: ListAuditEventsRequest): Promise<ListReply<AuditEventDto>> {
    const scope: AuditReadScope = {
      orgId: requireOrg(ctx),
      applicationId: ctx.principal.type === 'api_key' ? ctx.applicationId : undefined,
      endUserId: ctx.endUserId,
    };
    const { limit = DEFAULT_LIMIT, cursor, ...rawFilters } = input;
    const filters: AuditFilters = { ...rawFilters, from: toDate(rawFilters.from), to: toDate(rawFilters.to) };
    const listScope = cursorScope('audit_events', { ...scope }, Object.fromEntries(Object.entries(rawFilters).sort()));
    const after = cursor ? this.decode(listScope, cursor) : undefined;

    const rows = await this.records.list(scope, filters, limit + 1, after);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const hasMore = rows.length > limit;
    const nextCursor = hasMore && last ? this.cursors.encode(listScope, { t: last.occurredAt.toISOString(), id: last.id }) : null;
    return listReply(page.map(toAuditEventDto), hasMore, nextCursor);
  }

  private decode(listScope: string, cursor: string): { occurredAt: Date; id: string } {
    const position = this.cursors.decode<{ t: string; id: string }>(listScope, cursor);
    return { occurredAt: new Date(position.t), id: position.id };
  }
}

function toDate(iso: string | undefined): Date | undefined {
  return iso === undefined ? undefined : new Date(iso);
}
