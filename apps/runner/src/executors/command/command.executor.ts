import type { CommandExecutorSpec } from '@agentry/contracts';
import { Injectable } from '@nestjs/common';
import { spawn } from 'node:child_process';
import { RunnerConfig } from '../../config/runner.config.js';
import { ExecutionFailure, type ExecutionContext, type ExecutionResult, type Executor } from '../executor.js';

const MAX_OUTPUT_BYTES = 1024 * 1024;

/**
 * Starts `command` (no shell), writes `{runId, agentId, input, endUserId, connections}` as JSON on
 * stdin and reads the output as JSON from stdout. Refused unless RUNNER_ALLOW_COMMAND.
 */
@Injectable()
export class CommandExecutor implements Executor<CommandExecutorSpec> {
  constructor(private readonly config: RunnerConfig) {}

  async execute(spec: CommandExecutorSpec, context: ExecutionContext): Promise<ExecutionResult> {
    if (!this.config.RUNNER_ALLOW_COMMAND) throw new ExecutionFailure('executor_not_allowed', 'Command agents are disabled on this platform.');
    const [file, ...args] = spec.command;
    const { code, stdout, stderr } = await run(file!, args, context);
    if (code !== 0) throw new ExecutionFailure('command_failed', `The command exited with ${code}${stderr ? `: ${stderr.slice(-500)}` : ''}.`);
    try {
      return { output: JSON.parse(stdout) as unknown };
    } catch {
      throw new ExecutionFailure('invalid_response', 'The command did not print JSON on stdout.');
    }
  }
}

function run(file: string, args: string[], context: ExecutionContext): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { signal: context.signal, stdio: ['pipe', 'pipe', 'pipe'], shell: false });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_OUTPUT_BYTES) child.kill('SIGKILL');
      else out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => reject(context.signal.aborted ? error : new ExecutionFailure('command_failed', `The command could not start: ${error.message}`)));
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(JSON.stringify({ runId: context.runId, agentId: context.agentId, input: context.input, endUserId: context.endUserId, connections: context.connections }));
  });
}
