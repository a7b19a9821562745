import { Errors, listReply, type ListReply } from '@agentry/contracts';
import { CursorCodec } from '@agentry/persistence';
import { Injectable } from '@nestjs/common';
import { TenancyConfig } from '../config/tenancy.config.js';

export const DEFAULT_LIMIT = 20;

/**
 * Keyset pagination by id, newest first. A cursor carries the last id of the previous page,
 * signed together with the list's scope, so a forged or foreign cursor is 400 `invalid_cursor`.
 */
@Injectable()
export class Cursors {
  private readonly codec: CursorCodec;

  constructor(config: TenancyConfig) {
    this.codec = new CursorCodec(config.CURSOR_SECRET);
  }

  /** The id to continue after, or undefined on the first page. */
  after(scope: string, cursor: string | undefined): string | undefined {
    if (cursor === undefined) return undefined;
    const { id } = this.codec.decode<{ id: string }>(scope, cursor);
    if (typeof id !== 'string') throw Errors.invalidCursor();
    return id;
  }

  /** `rows` were fetched with `limit + 1` so that one extra row tells whether there is more. */
  page<R, T>(scope: string, rows: R[], limit: number, idOf: (row: R) => string, map: (row: R) => T): ListReply<T> {
    const hasMore = rows.length > limit;
    const pageRows = rows.slice(0, limit);
    const last = pageRows[pageRows.length - 1];
    const nextCursor = hasMore && last !== undefined ? this.codec.encode(scope, { id: idOf(last) }) : null;
    return listReply(pageRows.map(map), hasMore, nextCursor);
  }
}
