import type { BuiltinExecutorSpec } from '@agentry/contracts';
import { Injectable } from '@nestjs/common';
import { ExecutionFailure, type ExecutionContext, type ExecutionResult, type Executor } from '../executor.js';

/** Always fails, with `input.message` or "failed on purpose". */
@Injectable()
export class FailExecutor implements Executor<BuiltinExecutorSpec> {
  async execute(_spec: BuiltinExecutorSpec, context: ExecutionContext): Promise<ExecutionResult> {
    const message = typeof context.input.message === 'string' && context.input.message.length > 0 ? context.input.message.slice(0, 4000) : 'failed on purpose';
    throw new ExecutionFailure('agent_failed', message);
  }
}
