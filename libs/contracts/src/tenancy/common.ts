import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateIf, type ValidationOptions } from 'class-validator';

/** Like @IsOptional, but an explicit `null` is still validated (and refused by the type check). */
export function IsOmittable(options?: ValidationOptions): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined, options);
}

/** A query-string integer ("20") becomes a number; anything else is left for the validators to refuse. */
const queryInteger = ({ value }: { value: unknown }): unknown => (typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : value);

/**
 * `?limit=&cursor=` as the gateway forwards them: query strings arrive as strings, so a numeric
 * `limit` is converted before it is checked (a non-numeric one is still refused).
 */
export class TenancyListQuery {
  @IsOptional() @Transform(queryInteger) @IsInt() @Min(1) @Max(100) limit?: number;
  @IsOptional() @IsString() @MaxLength(1024) cursor?: string;
}

/**
 * Org-scoped subjects take the org from `ctx.orgId`. Routes under `/orgs/{orgId}` may also
 * forward the path id as `orgId`; when sent it must name the same org (else 404).
 */
export class OrgPathParams {
  @IsOmittable() @IsString() @MaxLength(64) orgId?: string;
}

export class OrgListQuery extends TenancyListQuery {
  @IsOmittable() @IsString() @MaxLength(64) orgId?: string;
}
