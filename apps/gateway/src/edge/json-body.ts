import { appError } from '@agentry/contracts';
import type { FastifyInstance } from 'fastify';

/** Deeper bodies are refused: serializing them again (idempotency fingerprint, the NATS hop) would overflow the stack. */
export const MAX_JSON_DEPTH = 100;

/**
 * Bodies are JSON only: Fastify's own parser (prototype poisoning refused, the body limit kept)
 * plus a nesting limit. Fastify's text/plain parser is removed, so any other type is 415.
 */
export function registerJsonBodyParser(fastify: FastifyInstance): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser(['application/json', 'text/plain']);
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    // Clients send Content-Type: application/json on body-less requests (DELETE, POST …/cancel):
    // an empty body is no body, and a route that needs one says so in its validation error.
    if ((body as string).trim() === '') {
      done(null, undefined);
      return;
    }
    void parse(request, body as string, (error, value) => {
      if (error && isValidJson(body as string)) {
        // Valid JSON that Fastify's parser refused: prototype poisoning.
        done(appError(400, 'invalid_json', 'JSON keys "__proto__" and "constructor.prototype" are not accepted.'), undefined);
      } else if (error) done(error, undefined);
      else if (depthExceeds(value, MAX_JSON_DEPTH)) done(appError(400, 'json_too_deep', `The body is nested deeper than ${MAX_JSON_DEPTH} levels.`), undefined);
      else done(null, value);
    });
  });
}

function isValidJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Iterative, so the check itself cannot overflow. */
function depthExceeds(root: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Object.values(value)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}
