import type { StoredResponse } from './idempotency.store.js';

/** Thrown to short-circuit a handler with a stored response; the ProblemFilter sends it as is. */
export class ReplayedResponse {
  constructor(readonly response: StoredResponse) {}
}
