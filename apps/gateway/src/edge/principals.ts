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
}
