import { IsString, Length, Matches, MaxLength } from 'class-validator';
import { IsOmittable, TenancyListQuery } from './common.js';

const NOT_BLANK = /\S/;

/** POST /orgs */
export class CreateOrgRequest {
  @IsString() @Length(1, 100) @Matches(NOT_BLANK, { message: 'name must not be blank' }) name!: string;
}

/** GET /orgs */
export class ListOrgsRequest extends TenancyListQuery {}

/** GET /orgs/{orgId}: the org from the path (falls back to ctx.orgId). */
export class GetOrgRequest {
  @IsOmittable() @IsString() @MaxLength(64) orgId?: string;
}

/** `PATCH /orgs/{orgId}` */
export class UpdateOrgRequest {
  @IsOmittable() @IsString() @MaxLength(64) orgId?: string;
  @IsString() @Length(1, 100) @Matches(NOT_BLANK, { message: 'name must not be blank' }) name!: string;
}

export interface OrgDto {
  id: string;
  object: 'organization';
  name: string;
  apiVersion: string;
  defaultApplicationId: string;
  createdAt: string;
}

/** An org as listed for the caller: with the caller's role in it. */
export interface OrgWithRoleDto extends OrgDto {
  role: string;
}
