import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface HttpAttemptResult {
  status: number | null;
  error: string | null;
  durationMs: number;
}

const MAX_ERROR_LENGTH = 300;

/**
 * One POST, no redirects followed (a 3xx is just a failed attempt), no connection reuse, through
 * the given `lookup` (the SSRF guard). Settles at the response headers, on error, or at the deadline.
 */
export function postOnce(url: URL, headers: Record<string, string>, body: string, timeoutMs: number, lookup: LookupFunction): Promise<HttpAttemptResult> {
  return new Promise((resolve) => {
    const started = performance.now();
    let settled = false;
    const settle = (status: number | null, error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve({ status, error: error && error.slice(0, MAX_ERROR_LENGTH), durationMs: Math.round(performance.now() - started) });
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, lookup, agent: false }, (res) => {
      settle(res.statusCode ?? null, null);
      res.on('error', () => undefined);
      res.resume();
      setTimeout(() => res.destroy(), 1000).unref(); // the answer's body is not read; don't let it hold the socket
    });
    req.on('error', (error: NodeJS.ErrnoException) => settle(null, describe(error)));
    const deadline = setTimeout(() => {
      settle(null, `timed out after ${timeoutMs} ms`);
      req.destroy();
    }, timeoutMs);
    req.end(body);
  });
}

const ERRNO_TEXT: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed temporarily',
};

function describe(error: NodeJS.ErrnoException): string {
  return (error.code && ERRNO_TEXT[error.code]) || error.message || error.code || 'request failed';
}
