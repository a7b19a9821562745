import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsISO8601, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';

/** `POST /api-keys`. Each scope must be a known permission, grantable to keys, and held by the creator. */
export class CreateApiKeyRequest {
  @IsString() @Length(1, 100) @Matches(/\S/, { message: 'name must not be blank' }) name!: string;
  @IsArray() @ArrayNotEmpty() @ArrayMaxSize(100) @IsString({ each: true }) @MaxLength(64, { each: true }) scopes!: string[];
  /** ISO 8601 date-time in the future. */
  @IsOptional() @IsISO8601({ strict: true, strictSeparator: true }) expiresAt?: string;
}

/** The gateway's key check: any malformed, unknown, expired or revoked key → 401 `invalid_api_key`. */
export class AuthenticateApiKeyRequest {
  @IsString() @MaxLength(512) key!: string;
}

export interface ApiKeyDto {
  id: string;
  object: 'api_key';
  name: string;
  /** First 12 characters of the key, e.g. `ask_live_AbC`. */
  prefix: string;
  scopes: string[];
  applicationId: string;
  createdBy: string;
  createdAt: string;
  /** Minute resolution. */
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

/** Reply to create: the key plus its secret, shown this once. */
export interface CreatedApiKeyDto extends ApiKeyDto {
  key: string;
}

export interface AuthenticatedApiKeyReply {
  apiKeyId: string;
  orgId: string;
  applicationId: string;
  scopes: string[];
  /** The creator; the gateway intersects the scopes with this user's current role in the org. */
  createdBy: string;
  expiresAt: string | null;
}

/** JSON body of the core-NATS broadcast `Subjects.broadcast.apiKeyRevoked` (namespaced). */
export interface ApiKeyRevokedBroadcast {
  apiKeyId: string;
  keyHash: string;
}

/** `Subjects.broadcast.sessionRevoked`: a logout or `DELETE /me/sessions/{id}` committed. */
export interface SessionRevokedBroadcast {
  sessionId: string;
}

/** `Subjects.broadcast.endUserDeleted`: nobody may act for this end-user any more. */
export interface EndUserDeletedBroadcast {
  applicationId: string;
  endUserId: string;
}
