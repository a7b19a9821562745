import { appError, newId } from '@agentry/contracts';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { renderProblem } from './problem.js';

/** Node's HTTP parser errors that mean something a client can fix; any other parse failure is a 400. */
const PARSER_ERRORS: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'headers_too_large', 'The request line and headers exceed 16 KiB.'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'request_timeout', 'The request was not received in time.'],
  HPE_INVALID_HEADER_TOKEN: [400, 'invalid_header', 'A header name or value holds characters HTTP does not allow.'],
  HPE_INVALID_TRANSFER_ENCODING: [400, 'invalid_framing', 'Transfer-Encoding and Content-Length disagree or are malformed.'],
  HPE_UNEXPECTED_CONTENT_LENGTH: [400, 'invalid_framing', 'Transfer-Encoding and Content-Length disagree or are malformed.'],
  HPE_INVALID_CONTENT_LENGTH: [400, 'invalid_framing', 'Transfer-Encoding and Content-Length disagree or are malformed.'],
};

/**
 * Fastify's `clientErrorHandler`: a request that Node cannot even parse never reaches a route
 * or a hook, yet still gets a problem document with a request id instead of Node's bare reply.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const [status, code, detail] = PARSER_ERRORS[error.code ?? ''] ?? [400, 'malformed_request', 'The request is not well-formed HTTP.'];
  const requestId = newId('req');
  const body = JSON.stringify(renderProblem(appError(status, code, detail), requestId));
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Bad Request'}\r\nContent-Type: application/problem+json\r\nRequest-Id: ${requestId}\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
