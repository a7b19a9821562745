import type { AuditActor, AuditOutcome } from '../events.js';

/** One audit record as the API shows it (`GET /audit-events`). Optional members are omitted when absent. */
export interface AuditEventDto {
  id: string;
  object: 'audit_event';
  occurredAt: string;
  orgId: string;
  applicationId: string | null;
  action: string;
  outcome: AuditOutcome;
  actor: AuditActor;
  endUserId?: string;
  impersonator?: { userId: string; impersonationId: string };
  resource: { type: string; id: string };
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
  metadata: Record<string, unknown>;
  /** SHA-256 (hex) of `prevHash ?? ''` followed by the canonical JSON of the record's fields. */
  hash: string;
  /** The previous record's hash in the org's chain; null for the org's first record. */
  prevHash: string | null;
}

export interface AuditVerifyReply {
  valid: boolean;
  /** Records examined, oldest first, up to and including the first invalid one. */
  checked: number;
  firstInvalidId: string | null;
}
