import { AppError, appError, Errors, titleFor, type FieldError } from '@agentry/contracts';

export const RunErrors = {
  notFound: () => Errors.notFound('run'),
  invalidInput: (errors: FieldError[]) =>
    new AppError({ status: 422, code: 'invalid_input', title: titleFor(422), detail: 'The input does not match the agent version\'s inputSchema.', errors }),
  notCancellable: (status: string) => appError(409, 'run_not_cancellable', `The run has already ended (${status}).`),
  concurrencyLimit: (maxConcurrent: number, maxQueued: number) =>
    appError(429, 'concurrency_limit_exceeded', `The organization already has ${maxConcurrent} runs in progress and ${maxQueued} waiting.`, { maxConcurrentRuns: maxConcurrent, maxQueuedRuns: maxQueued }),
  runnerOnly: () => appError(403, 'forbidden', 'This subject is for runners.'),
  killSwitchEngaged: (scope: 'org' | 'platform', reason: string) =>
    appError(503, 'kill_switch_engaged', `The ${scope === 'org' ? "organization's" : "platform's"} kill switch is engaged (${reason}); no new runs start until it is released.`, { scope }),
};
