import { IsObject, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { IdentityListQuery } from './pagination.js';
import { EndUserMetadataKeyLength, EndUserMetadataMaxKeys, EndUserMetadataValues, type EndUserMetadata, type EndUserMetadataPatch } from './metadata.js';

/** `POST /end-users`. The email is canonicalized (trimmed, NFC, lower-case) by the service. */
export class CreateEndUserRequest {
  @IsOptional() @IsString() @Length(1, 255) externalId?: string;
  @IsOptional() @IsString() @MaxLength(320) email?: string;
  @IsOptional() @IsString() @Length(1, 200) name?: string;
  @IsOptional() @IsObject() @EndUserMetadataMaxKeys() @EndUserMetadataKeyLength() @EndUserMetadataValues(false) metadata?: EndUserMetadata;
}

/**
 * `PATCH /end-users/{id}`: `{id, ...body}`. A field set to null is cleared; metadata is merged
 * key by key and a key set to null is removed (the merged result is held to the same limits).
 */
export class UpdateEndUserRequest {
  @IsString() id!: string;
  @IsOptional() @IsString() @Length(1, 255) externalId?: string | null;
  @IsOptional() @IsString() @MaxLength(320) email?: string | null;
  @IsOptional() @IsString() @Length(1, 200) name?: string | null;
  @IsOptional() @IsObject() @EndUserMetadataMaxKeys() @EndUserMetadataKeyLength() @EndUserMetadataValues(true) metadata?: EndUserMetadataPatch | null;
}

/** `GET /end-users?externalId=&email=&limit=&cursor=`. */
export class ListEndUsersQuery extends IdentityListQuery {
  @IsOptional() @IsString() @Length(1, 255) externalId?: string;
  @IsOptional() @IsString() @MaxLength(320) email?: string;
}

/** The gateway's `Appstrate-User` check, in ctx.orgId + ctx.applicationId. */
export class ResolveEndUserRequest {
  @IsString() @MaxLength(128) endUserId!: string;
}

export interface ResolveEndUserReply {
  exists: boolean;
}

export interface EndUserDto {
  id: string;
  object: 'end_user';
  applicationId: string;
  externalId: string | null;
  email: string | null;
  name: string | null;
  metadata: EndUserMetadata;
  createdAt: string;
  updatedAt: string;
}

/** Reply to `DELETE /end-users/{id}`. */
export interface DeletedEndUserReply {
  id: string;
  object: 'end_user';
  deleted: true;
}
