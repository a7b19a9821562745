import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

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
