import type { BuiltinExecutorSpec } from '@agentry/contracts';
import { Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { ExecutionFailure, type ExecutionContext, type ExecutionResult, type Executor } from '../executor.js';

const MAX_MS = 3_600_000;

/** Waits `input.ms` milliseconds (0..3 600 000), stopping at once on abort. */
@Injectable()
export class SleepExecutor implements Executor<BuiltinExecutorSpec> {
  async execute(_spec: BuiltinExecutorSpec, context: ExecutionContext): Promise<ExecutionResult> {
    const ms = context.input.ms;
    if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 0 || ms > MAX_MS) {
      throw new ExecutionFailure('invalid_input', `The sleep agent needs input.ms, an integer from 0 to ${MAX_MS}.`);
    }
    await sleep(ms, undefined, { signal: context.signal });
    return { output: { sleptMs: ms } };
  }
}
