import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
import { OrgPathParams } from './common.js';

/** POST /orgs/{orgId}/roles */
export class CreateRoleRequest extends OrgPathParams {
  @IsString() @Length(1, 64) @Matches(/\S/, { message: 'name must not be blank' }) name!: string;
  /** Catalogue permissions (`resource:verb`), each one held by the caller. */
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @IsString({ each: true }) @MaxLength(64, { each: true }) permissions!: string[];
}

/** `PATCH /orgs/{orgId}/roles/{roleId}`: a custom role only. */
export class UpdateRoleRequest extends OrgPathParams {
  @IsString() @MaxLength(64) roleId!: string;
  @ValidateIf((o: UpdateRoleRequest) => o.name !== undefined) @IsString() @Length(1, 64) @Matches(/\S/, { message: 'name must not be blank' }) name?: string;
  @ValidateIf((o: UpdateRoleRequest) => o.permissions !== undefined)
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @IsString({ each: true }) @MaxLength(64, { each: true }) permissions?: string[];
}

/** `DELETE /orgs/{orgId}/roles/{roleId}` */
export class RoleRefRequest extends OrgPathParams {
  @IsString() @MaxLength(64) roleId!: string;
}

export interface RoleDto {
  /** The name for a built-in role (`owner`), `role_…` for a custom one. */
  id: string;
  object: 'role';
  name: string;
  builtIn: boolean;
  permissions: string[];
  /** null for built-in roles. */
  createdAt: string | null;
}
