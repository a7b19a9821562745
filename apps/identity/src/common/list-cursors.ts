import { Errors, listReply, type ListReply } from '@agentry/contracts';
import { CursorCodec } from '@agentry/persistence';
import { Injectable } from '@nestjs/common';
import { IdentityConfig } from '../config/identity.config.js';

export const DEFAULT_PAGE_SIZE = 20;

/** A keyset page request: newest first by id (ULIDs sort by time), continuing below `beforeId`. */
export interface PageRequest {
  limit: number;
  beforeId?: string;
}

/**
 * Keyset pagination with signed cursors. The scope (list, tenant, filters) is signed into the
 * cursor, so a forged cursor or one from another list, tenant or filter is 400 `invalid_cursor`.
 */
@Injectable()
export class ListCursors {
  private readonly codec: CursorCodec;

  constructor(config: IdentityConfig) {
    this.codec = new CursorCodec(config.CURSOR_SECRET);
  }

  /** Reads the page request of a list query; the repository fetches `limit + 1` rows. */
  request(scope: string, query: { limit?: number; cursor?: string }): PageRequest {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    if (!query.cursor) return { limit };
    const { id } = this.codec.decode<{ id: string }>(scope, query.cursor);
    if (typeof id !== 'string') throw Errors.invalidCursor();
    return { limit, beforeId: id };
  }

  /** Turns `limit + 1` rows into a list reply with the next cursor. */
  reply<R extends { id: string }, D>(scope: string, page: PageRequest, rows: R[], map: (row: R) => D): ListReply<D> {
    const hasMore = rows.length > page.limit;
    const items = hasMore ? rows.slice(0, page.limit) : rows;
    const last = items[items.length - 1];
    return listReply(items.map(map), hasMore, hasMore && last ? this.codec.encode(scope, { id: last.id }) : null);
  }
}
