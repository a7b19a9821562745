import { AuditSubjects, Errors, type AuditEventDto, type ListReply, type RequestContext } from '@agentry/contracts';
import { Readable } from 'node:stream';
import type { Services } from '../../../core/services.client.js';
import { auditCsvHeader, auditCsvRow } from './audit-csv.js';

export const EXPORT_FORMATS = { ndjson: 'application/x-ndjson', csv: 'text/csv; charset=utf-8' } as const;
export type ExportFormat = keyof typeof EXPORT_FORMATS;
const PAGE = 100;

/** The export's format and the list filters it passes on; paging is the export's own. */
export function exportRequest(query: Record<string, string>): { format: ExportFormat; filters: Record<string, string> } {
  const { format = 'ndjson', ...filters } = query;
  if (typeof format !== 'string' || !Object.hasOwn(EXPORT_FORMATS, format)) {
    throw Errors.validation([{ field: 'format', code: 'is_in', message: 'format must be one of: ndjson, csv' }]);
  }
  for (const paging of ['limit', 'cursor'] as const) {
    if (paging in filters) throw Errors.validation([{ field: paging, code: 'unknown_field', message: `${paging} is not accepted: the export streams every matching record.` }]);
  }
  return { format: format as ExportFormat, filters };
}

/**
 * Streams every record matching the filters, newest first, page by page from the audit service.
 * The first page is fetched before anything is sent, so bad filters are still a 400; a failure
 * later can only cut the stream short (the status line is gone), which a client sees as a
 * truncated body.
 */
export async function auditExportStream(services: Services, ctx: RequestContext, format: ExportFormat, filters: Record<string, string>): Promise<Readable> {
  const fetchPage = (cursor?: string) =>
    services.call<ListReply<AuditEventDto>>(AuditSubjects.listEvents, ctx, { ...filters, limit: String(PAGE), ...(cursor ? { cursor } : {}) });
  const first = await fetchPage();
  const line = format === 'csv' ? auditCsvRow : (e: AuditEventDto) => `${JSON.stringify(e)}\n`;
  async function* lines(): AsyncGenerator<string> {
    if (format === 'csv') yield auditCsvHeader();
    let page = first;
    for (;;) {
      yield page.data.map(line).join('');
      if (!page.hasMore || !page.nextCursor) return;
      page = await fetchPage(page.nextCursor);
    }
  }
  return Readable.from(lines());
}
