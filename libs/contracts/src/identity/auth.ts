import { IsOptional, IsString, Length, Matches, MaxLength, MinLength } from 'class-validator';

export class SignupRequest {
  /** Canonicalized (trimmed, NFC, lower-case) and checked by the service. */
  @IsString() @MaxLength(320) email!: string;
  @IsString() @MinLength(10) @MaxLength(256) password!: string;
  @IsString() @Length(1, 200) name!: string;
}

export class LoginRequest {
  @IsString() @MaxLength(320) email!: string;
  @IsString() @MaxLength(256) password!: string;
  @IsOptional() @IsString() @Matches(/^\d{6}$/) totpCode?: string;
}

export class AuthenticateSessionRequest {
  @IsString() @MaxLength(512) token!: string;
}

export interface UserDto {
  id: string;
  object: 'user';
  email: string;
  name: string;
  twoFactorEnabled: boolean;
  createdAt: string;
}

/** Signup and login reply; the gateway turns the tokens into cookies and never returns the session token in a body. */
export interface SessionIssuedReply {
  user: UserDto;
  sessionId: string;
  sessionToken: string;
  csrfToken: string;
  expiresAt: string;
}

export interface AuthenticatedSessionReply {
  sessionId: string;
  user: UserDto;
  impersonator?: { userId: string; impersonationId: string };
}

/** `POST /me/2fa/enable` and `/me/2fa/disable`: the current code from the authenticator app. */
export class TwoFactorCodeRequest {
  @IsString() @Matches(/^\d{6}$/, { message: 'code must be the 6 digits the authenticator app shows' }) code!: string;
}

/** `POST /me/2fa/setup`: the secret to add to an authenticator app (as text or as the otpauth URL in a QR code). */
export interface TwoFactorSetupDto {
  object: 'two_factor_setup';
  secret: string;
  otpauthUrl: string;
}
