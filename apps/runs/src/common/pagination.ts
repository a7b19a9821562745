import { listReply, type ListReply } from '@agentry/contracts';

export const DEFAULT_PAGE_SIZE = 20;
/** A page stops growing past this many bytes of JSON, so a reply stays well inside one NATS message. */
export const MAX_PAGE_BYTES = 512 * 1024;

/**
 * Rows were fetched with `limit + 1`: the extra one only says there is more. A page of large rows
 * (runs carry their input and output) ends early, with `hasMore` and a cursor, rather than
 * outgrowing the transport: it always holds at least one row.
 */
export function toPage<Row, Dto>(rows: Row[], limit: number, toDto: (row: Row) => Dto, cursorOf: (last: Row) => string): ListReply<Dto> {
  const page: Dto[] = [];
  let bytes = 0;
  let taken = 0;
  for (const row of rows.slice(0, limit)) {
    const dto = toDto(row);
    const size = Buffer.byteLength(JSON.stringify(dto));
    if (page.length > 0 && bytes + size > MAX_PAGE_BYTES) break;
    page.push(dto);
    bytes += size;
    taken++;
  }
  const hasMore = rows.length > taken;
  return listReply(page, hasMore, hasMore ? cursorOf(rows[taken - 1]!) : null);
}
