import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** A query-string integer ("20") becomes a number; anything else ("0x10", "1e1", " 5") is left for the validators to refuse. */
export const queryInteger = ({ value }: { value: unknown }): unknown => (typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : value);

export class ListQuery {
  @IsOptional() @IsInt() @Min(1) @Max(100) limit?: number;
  @IsOptional() @IsString() @MaxLength(1024) cursor?: string;
}

export interface ListReply<T> {
  object: 'list';
  data: T[];
  hasMore: boolean;
  nextCursor: string | null;
}

export function listReply<T>(data: T[], hasMore: boolean, nextCursor: string | null): ListReply<T> {
  return { object: 'list', data, hasMore, nextCursor };
}
