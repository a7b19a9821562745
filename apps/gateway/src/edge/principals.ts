/** A verified API key with its effective permissions: its scopes ∩ its creator's current role. */
export interface ApiKeyPrincipal {
  keyHash: string;
  apiKeyId: string;
  orgId: string;
  applicationId: string;
  createdBy: string;
  permissions: string[];
  apiVersion: string;
  expiresAtMs: number | null;
}

export interface SessionPrincipal {
  sessionId: string;
  userId: string;
  email: string;
  /** A support session: the platform admin acting as this user. */
  impersonator?: { userId: string; impersonationId: string };
}
