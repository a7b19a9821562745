import { IsInt, IsString, Length, Max, MaxLength, Min } from 'class-validator';

export const MAX_IMPERSONATION_MINUTES = 30;

/** `POST /admin/impersonations` (platform admins). */
export class StartImpersonationRequest {
  @IsString() @MaxLength(64) userId!: string;
  @IsString() @Length(1, 500) reason!: string;
  @IsInt() @Min(1) @Max(MAX_IMPERSONATION_MINUTES) minutes!: number;
}

/** `DELETE /admin/impersonations/{id}`. */
export class ImpersonationIdRequest {
  @IsString() @MaxLength(64) id!: string;
}

export interface ImpersonationDto {
  id: string;
  object: 'impersonation';
  /** The dashboard user acted as. */
  userId: string;
  /** The platform admin acting. */
  impersonatorUserId: string;
  reason: string;
  createdAt: string;
  expiresAt: string;
  endedAt: string | null;
}
