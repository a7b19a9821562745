import type { BuiltinExecutorSpec, ExecutorSpec } from '@agentry/contracts';
import { Injectable } from '@nestjs/common';
import { EchoExecutor } from './builtin/echo.executor.js';
import { FailExecutor } from './builtin/fail.executor.js';
import { SleepExecutor } from './builtin/sleep.executor.js';
import { CommandExecutor } from './command/command.executor.js';
import { ExecutionFailure, type ExecutionContext, type ExecutionResult } from './executor.js';
import { HttpExecutor } from './http/http.executor.js';

/** Picks the executor of a version's `executor` spec. */
@Injectable()
export class ExecutorRegistry {
  constructor(
    private readonly echo: EchoExecutor,
    private readonly sleep: SleepExecutor,
    private readonly fail: FailExecutor,
    private readonly http: HttpExecutor,
    private readonly command: CommandExecutor,
  ) {}

  execute(spec: ExecutorSpec, context: ExecutionContext): Promise<ExecutionResult> {
    switch (spec.kind) {
      case 'builtin':
        return this.builtin(spec, context);
      case 'http':
        return this.http.execute(spec, context);
      case 'command':
        return this.command.execute(spec, context);
      default:
        return Promise.reject(unknownExecutor(spec, spec));
    }
  }

  private builtin(spec: BuiltinExecutorSpec, context: ExecutionContext): Promise<ExecutionResult> {
    switch (spec.name) {
      case 'echo':
        return this.echo.execute(spec, context);
      case 'sleep':
        return this.sleep.execute(spec, context);
      case 'fail':
        return this.fail.execute(spec, context);
      default:
        return Promise.reject(unknownExecutor(spec.name, spec));
    }
  }
}

/** `exhaustive` is `never` when every kind is handled, so a new kind without a case does not compile. */
function unknownExecutor(_exhaustive: never, spec: unknown): ExecutionFailure {
  return new ExecutionFailure('unknown_executor', `This runner does not know the executor ${JSON.stringify(spec)}.`);
}
