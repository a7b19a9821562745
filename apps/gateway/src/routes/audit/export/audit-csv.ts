import type { AuditEventDto } from '@agentry/contracts';

export const AUDIT_CSV_COLUMNS = [
  'id', 'occurredAt', 'orgId', 'applicationId', 'action', 'outcome', 'actorType', 'actorId', 'actorUserId', 'actorApiKeyId',
  'endUserId', 'impersonatorUserId', 'impersonationId', 'resourceType', 'resourceId', 'requestId', 'ip', 'userAgent',
  'metadata', 'hash', 'prevHash',
] as const;

export function auditCsvHeader(): string {
  return `${AUDIT_CSV_COLUMNS.join(',')}\r\n`;
}

/** One RFC 4180 row; `metadata` as JSON. */
export function auditCsvRow(e: AuditEventDto): string {
  const values: Record<(typeof AUDIT_CSV_COLUMNS)[number], unknown> = {
    id: e.id, occurredAt: e.occurredAt, orgId: e.orgId, applicationId: e.applicationId, action: e.action, outcome: e.outcome,
    actorType: e.actor.type, actorId: e.actor.id, actorUserId: e.actor.userId, actorApiKeyId: e.actor.apiKeyId, endUserId: e.endUserId,
    impersonatorUserId: e.impersonator?.userId, impersonationId: e.impersonator?.impersonationId, resourceType: e.resource.type,
    resourceId: e.resource.id, requestId: e.requestId, ip: e.ip, userAgent: e.userAgent, metadata: JSON.stringify(e.metadata ?? {}),
    hash: e.hash, prevHash: e.prevHash,
  };
  return `${AUDIT_CSV_COLUMNS.map((column) => csvCell(values[column])).join(',')}\r\n`;
}

/**
 * Quoted when needed. A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets
 * a leading apostrophe: the export is read by people in spreadsheets, and user agents and
 * metadata are attacker-controlled (OWASP "CSV injection").
 */
export function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
