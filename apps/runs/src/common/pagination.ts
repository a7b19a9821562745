import { listReply, type ListReply } from '@agentry/contracts';

export const DEFAULT_PAGE_SIZE = 20;

/** Rows were fetched with `limit + 1`: the extra one only says there is more. */
export function toPage<Row, Dto>(rows: Row[], limit: number, toDto: (row: Row) => Dto, cursorOf: (last: Row) => string): ListReply<Dto> {
  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  return listReply(page.map(toDto), hasMore, hasMore ? cursorOf(page[page.length - 1]!) : null);
}
