import type { ExecutorSpec } from '@agentry/contracts';

/** What an executor gets for one run. It must stop promptly when `signal` aborts. */
export interface ExecutionContext {
  runId: string;
  agentId: string;
  input: Record<string, unknown>;
  endUserId: string | null;
  /** The run owner's connections (metadata from identity). */
  connections: unknown[];
  signal: AbortSignal;
  /** Milliseconds left before the run's timeout. */
  remainingMs(): number;
  /** Records a runner event (log, progress) in the run's history; never throws. */
  emit(type: string, data?: Record<string, unknown>): Promise<void>;
}

export interface ExecutionResult {
  output: unknown;
  usage?: { inputTokens?: number; outputTokens?: number; costMicroUsd?: number };
}

export interface Executor<S extends ExecutorSpec = ExecutorSpec> {
  execute(spec: S, context: ExecutionContext): Promise<ExecutionResult>;
}

/** A run that failed for a reason worth telling its owner: becomes the run's `error`. */
export class ExecutionFailure extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'ExecutionFailure';
  }
}
