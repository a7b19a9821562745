import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { GatewayReply, GatewayRequest } from '../core/gateway-request.js';
import { ReplayedResponse } from '../idempotency/replayed-response.js';
import { renderProblem, toAppError } from './problem.js';

/** Every error leaves as application/problem+json with a stable `code` and the request id. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Gateway');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<GatewayRequest>();
    const reply = http.getResponse<GatewayReply>();
    if (exception instanceof ReplayedResponse) {
      const { status, headers, body } = exception.response;
      void reply.status(status).headers(headers).header('Idempotent-Replayed', 'true').header('Request-Id', request.edge.requestId).send(body);
      return;
    }
    const { error, unexpected } = toAppError(exception);
    const requestId = request.edge?.requestId ?? String(request.id);
    if (unexpected) this.logger.error(exception instanceof Error ? exception : String(exception), { requestId });
    if (error.status === 429) {
      // Every 429 says when to come back; a refusal that cannot know (a full run queue) says 1 s.
      const retryAfter = error.extra?.retryAfterSeconds;
      reply.header('Retry-After', String(typeof retryAfter === 'number' && retryAfter > 0 ? Math.ceil(retryAfter) : 1));
    }
    const problem = renderProblem(error, requestId);
    delete problem.retryAfterSeconds;
    void reply.status(error.status).header('Content-Type', 'application/problem+json').header('Request-Id', requestId).send(JSON.stringify(problem));
  }
}
