import { IsObject, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';

/** `POST /connections`. Owned by ctx.endUserId when set, else by the dashboard user. */
export class CreateConnectionRequest {
  @IsString() @Length(1, 64) @Matches(/^[a-z0-9_-]+$/, { message: 'provider may contain only a-z, 0-9, "_" and "-"' }) provider!: string;
  @IsOptional() @IsString() @Length(1, 200) label?: string;
  /** Encrypted at rest (AES-256-GCM) and never returned. */
  @IsObject() credentials!: Record<string, unknown>;
}

/**
 * Runner → identity, with a system context: which connections a run's owner has. The end-user
 * owns the run when `endUserId` is set (then `userId` is ignored); else the dashboard user does.
 */
export class ConnectionsForOwnerRequest {
  @IsString() @MaxLength(128) orgId!: string;
  @IsString() @MaxLength(128) applicationId!: string;
  @IsOptional() @IsString() @MaxLength(128) endUserId?: string;
  @IsOptional() @IsString() @MaxLength(128) userId?: string;
}

export interface ConnectionDto {
  id: string;
  object: 'connection';
  provider: string;
  label: string | null;
  endUserId: string | null;
  userId: string | null;
  createdAt: string;
}

/** Metadata only: credentials never leave identity through this subject. */
export interface OwnerConnectionSummary {
  id: string;
  provider: string;
  label: string | null;
}

export interface ConnectionsForOwnerReply {
  data: OwnerConnectionSummary[];
}

/** Reply to `DELETE /connections/{id}`. */
export interface DeletedConnectionReply {
  id: string;
  object: 'connection';
  deleted: true;
}
