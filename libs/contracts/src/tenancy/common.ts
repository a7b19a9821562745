import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateIf, type ValidationOptions } from 'class-validator';

/** Like @IsOptional, but an explicit `null` is still validated (and refused by the type check). */
export function IsOmittable(options?: ValidationOptions): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined, options);
}

/**
 * `?limit=&cursor=` as the gateway forwards them: query strings arrive as strings, so `limit`
 * is converted to a number before it is checked (a non-numeric limit is still refused).
 */
export class TenancyListQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
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
