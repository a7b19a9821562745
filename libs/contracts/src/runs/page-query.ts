import { Transform } from 'class-transformer';
import { queryInteger } from '../pagination.js';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** `limit` (1..100, numeric strings accepted since query strings arrive as strings) and an opaque `cursor`. */
export class PageQuery {
  @IsOptional() @Transform(queryInteger) @IsInt() @Min(1) @Max(100) limit?: number;
  @IsOptional() @IsString() @MaxLength(1024) cursor?: string;
}
