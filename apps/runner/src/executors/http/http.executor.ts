import type { HttpExecutorSpec } from '@agentry/contracts';
import { Injectable } from '@nestjs/common';
import { RunnerConfig } from '../../config/runner.config.js';
import { ExecutionFailure, type ExecutionContext, type ExecutionResult, type Executor } from '../executor.js';
import { ipLiteralOf, isForbiddenAddress } from '@agentry/outbound';
import { BlockedAddressError, publicOnlyLookup } from './address-guard.js';
import { postJson, ResponseTooLargeError, RESULT_MEDIA_TYPE } from './post-json.js';

const MAX_RESPONSE_BYTES = 1024 * 1024;

/**
 * POSTs `{runId, agentId, input, endUserId, connections}` to the agent's URL; a 2xx JSON answer is
 * the output, or, as `application/vnd.agentry.result+json`, `{output, usage}` (tokens and cost).
 * Non-public addresses are refused unless RUNNER_ALLOW_PRIVATE_URLS (dev and tests).
 */
@Injectable()
export class HttpExecutor implements Executor<HttpExecutorSpec> {
  constructor(private readonly config: RunnerConfig) {}

  async execute(spec: HttpExecutorSpec, context: ExecutionContext): Promise<ExecutionResult> {
    const url = this.checkedUrl(spec.url);
    const limitMs = Math.max(1, Math.min(context.remainingMs(), (spec.timeoutSeconds ?? Number.POSITIVE_INFINITY) * 1000));
    const timeout = AbortSignal.timeout(limitMs);
    const body = JSON.stringify({ runId: context.runId, agentId: context.agentId, input: context.input, endUserId: context.endUserId, connections: context.connections });
    let answer: { status: number; contentType: string; text: string };
    const startedAt = Date.now();
    try {
      answer = await postJson(url, body, {
        signal: AbortSignal.any([context.signal, timeout]),
        lookup: this.config.RUNNER_ALLOW_PRIVATE_URLS ? undefined : publicOnlyLookup,
        maxResponseBytes: MAX_RESPONSE_BYTES,
      });
    } catch (error) {
      if (context.signal.aborted) throw error; // cancelled or out of time: the run's owner decides
      throw describe(error, timeout.aborted, limitMs);
    }
    await context.emit('http.response', { status: answer.status, durationMs: Date.now() - startedAt, bytes: Buffer.byteLength(answer.text) });
    if (answer.status < 200 || answer.status >= 300) throw new ExecutionFailure('http_error', `The agent endpoint answered HTTP ${answer.status}.`);
    let answered: unknown;
    try {
      answered = JSON.parse(answer.text);
    } catch {
      throw new ExecutionFailure('invalid_response', 'The agent endpoint did not answer with JSON.');
    }
    return answer.contentType.toLowerCase().startsWith(RESULT_MEDIA_TYPE) ? resultEnvelope(answered) : { output: answered };
  }

  private checkedUrl(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new ExecutionFailure('url_not_allowed', 'The agent URL is not a valid URL.');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ExecutionFailure('url_not_allowed', 'The agent URL must be http or https.');
    const literal = ipLiteralOf(url);
    if (!this.config.RUNNER_ALLOW_PRIVATE_URLS && (literal ? isForbiddenAddress(literal) : isLocalName(url.hostname))) {
      throw new ExecutionFailure('url_not_allowed', `The agent URL points to a non-public address (${url.hostname}); this runner only calls public addresses.`);
    }
    return url;
  }
}

function describe(error: unknown, timedOut: boolean, limitMs: number): ExecutionFailure {
  if (timedOut) return new ExecutionFailure('http_timeout', `The agent endpoint did not answer within ${Math.ceil(limitMs / 1000)} seconds.`);
  const cause = (error as { cause?: unknown }).cause ?? error;
  if (cause instanceof BlockedAddressError) return new ExecutionFailure('url_not_allowed', `The agent URL's host ${cause.host} resolves to a non-public address.`);
  if (error instanceof ResponseTooLargeError) return new ExecutionFailure('invalid_response', `The agent endpoint's answer exceeded ${error.limit} bytes.`);
  const code = (error as { code?: string }).code;
  return new ExecutionFailure('http_unreachable', `Could not reach the agent endpoint${code ? ` (${code})` : ''}.`);
}

/** Names that mean this machine whatever DNS says (resolved names are checked again at connect time). */
function isLocalName(hostname: string): boolean {
  const host = hostname.replace(/\.$/, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost');
}

const USAGE_FIELDS = ['inputTokens', 'outputTokens', 'costMicroUsd'] as const;

/** `{output, usage?: {inputTokens?, outputTokens?, costMicroUsd?}}`, each a non-negative integer. */
function resultEnvelope(body: unknown): ExecutionResult {
  if (body === null || typeof body !== 'object' || Array.isArray(body) || !('output' in body)) {
    throw new ExecutionFailure('invalid_response', `A ${RESULT_MEDIA_TYPE} answer must be an object with "output".`);
  }
  const { output, usage } = body as { output: unknown; usage?: unknown };
  if (usage === undefined) return { output };
  if (usage === null || typeof usage !== 'object' || Array.isArray(usage)) throw new ExecutionFailure('invalid_response', '"usage" must be an object.');
  const reported: NonNullable<ExecutionResult['usage']> = {};
  for (const field of USAGE_FIELDS) {
    const value = (usage as Record<string, unknown>)[field];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw new ExecutionFailure('invalid_response', `usage.${field} must be a non-negative integer.`);
    reported[field] = value;
  }
  return { output, usage: reported };
}
