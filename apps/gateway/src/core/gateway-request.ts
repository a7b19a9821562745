import type { RequestContext } from '@agentry/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface RateLimitState {
  policy: string;
  current: string;
}

/** What the edge pipeline attaches to a Fastify request. */
export interface EdgeState {
  requestId: string;
  ctx?: RequestContext;
  rateLimit?: RateLimitState;
  sessionToken?: string;
  /** What the caller authenticated with, for a long-lived response (SSE) to check again later. */
  credential?: Credential;
}

export type Credential = { kind: 'api_key'; token: string } | { kind: 'session'; token: string };

export type GatewayRequest = FastifyRequest & { edge: EdgeState };
export type GatewayReply = FastifyReply;

/** The route pattern that served a request (`/api/runs/:id`), else its path without the query: how audit records name a route. */
export function routeOf(request: FastifyRequest): string {
  return request.routeOptions?.url ?? request.url.split('?')[0] ?? '';
}
