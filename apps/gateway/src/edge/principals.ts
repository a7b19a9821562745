/** What identity says about an API key (Subjects.identity.authenticateApiKey). */
export interface ApiKeyRecord {
  apiKeyId: string;
  orgId: string;
  applicationId: string;
  scopes: string[];
  createdBy: string;
  expiresAt: string | null;
}

/** What tenancy says about a user in an org (Subjects.tenancy.resolveMembership). */
export interface MembershipRecord {
  orgId: string;
  userId: string;
  role: string;
  permissions: string[];
  applicationId: string;
  apiVersion: string;
}

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
