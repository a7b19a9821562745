// The read every path under test performs: one run by primary key within its tenant.
export const RUN_SQL = `SELECT * FROM "runs"."runs" WHERE "id" = $1 AND "org_id" = $2 AND "application_id" = $3`;

export function runJson(row) {
  return {
    id: row.id, object: 'run', agentId: row.agent_id, agentVersion: row.agent_version, applicationId: row.application_id,
    endUserId: row.end_user_id, apiKeyId: row.api_key_id, createdBy: row.created_by, status: row.status, input: row.input,
    output: row.output, error: row.error,
    usage: { inputTokens: Number(row.input_tokens), outputTokens: Number(row.output_tokens), costMicroUsd: Number(row.cost_micro_usd) },
    metadata: row.metadata, createdAt: row.created_at, startedAt: row.started_at, finishedAt: row.finished_at, cancelReason: row.cancel_reason,
  };
}
