/** Why a run's AbortController fired; the reason decides what the runner reports. */
export type AbortKind = 'cancelled' | 'timed_out' | 'shutdown';

export class RunAborted extends Error {
  constructor(readonly kind: AbortKind) {
    super(`run ${kind}`);
    this.name = 'RunAborted';
  }
}

export function abortKindOf(signal: AbortSignal): AbortKind {
  return signal.reason instanceof RunAborted ? signal.reason.kind : 'cancelled';
}
