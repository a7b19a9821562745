import type { BuiltinExecutorSpec } from '@agentry/contracts';
import { Injectable } from '@nestjs/common';
import type { ExecutionContext, ExecutionResult, Executor } from '../executor.js';

/** Output = input. */
@Injectable()
export class EchoExecutor implements Executor<BuiltinExecutorSpec> {
  async execute(_spec: BuiltinExecutorSpec, context: ExecutionContext): Promise<ExecutionResult> {
    return { output: context.input };
  }
}
