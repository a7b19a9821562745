import 'reflect-metadata'; // class-transformer reads design metadata; do not depend on the importer loading it first
import { Transform } from 'class-transformer';
import { queryInteger } from '../pagination.js';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/**
 * `?limit=&cursor=` of identity's lists. Query strings arrive as strings, so `limit` is
 * converted explicitly ("20" → 20; "abc" or "1.5" → 400 validation_failed).
 */
export class IdentityListQuery {
  @IsOptional() @Transform(queryInteger) @IsInt() @Min(1) @Max(100) limit?: number;
  @IsOptional() @IsString() @MaxLength(1024) cursor?: string;
}

/** A path id (`GET|DELETE /x/{id}`). Malformed ids are answered 404 by the service, not 400. */
export class IdentityIdRequest {
  @IsString() id!: string;
}
