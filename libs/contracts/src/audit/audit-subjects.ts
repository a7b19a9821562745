import { Subjects } from '../subjects.js';

/**
 * The audit service's RPC subjects. `listEvents` is also in the shared `Subjects.audit` block;
 * `verifyChain` is declared here (owned by the audit service).
 */
export const AuditSubjects = {
  listEvents: Subjects.audit.listEvents,
  /** `GET /audit-events/verify`: data `{}` → `AuditVerifyReply`. */
  verifyChain: 'audit.event.verify.v1',
} as const;
