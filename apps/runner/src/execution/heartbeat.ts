import { Logger } from '@nestjs/common';
import type { RunsClient } from './runs-client.js';

/** Heartbeats a run every `periodMs`; calls `onStopped` when the runs service says the run is no longer running. */
export function startHeartbeat(runs: RunsClient, runId: string, periodMs: number, onStopped: () => void): () => void {
  const logger = new Logger('Heartbeat');
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    runs
      .heartbeat(runId)
      .then((reply) => reply.cancelled && onStopped())
      .catch((error: Error) => logger.warn(`heartbeat of ${runId} failed: ${error.message}`))
      .finally(() => (busy = false));
  }, periodMs);
  return () => clearInterval(timer);
}
