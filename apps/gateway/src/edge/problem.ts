import { AppError, appError, titleFor } from '@agentry/contracts';
import { HttpException } from '@nestjs/common';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  requestId: string;
  errors?: { field: string; code: string; message: string }[];
  [extra: string]: unknown;
}

const FASTIFY_ERRORS: Record<string, [number, string, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'payload_too_large', 'The body is larger than 1 MiB.'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type', 'Send JSON with Content-Type: application/json.'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'invalid_json', 'The body is empty but Content-Type says JSON.'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'invalid_json', 'The body is not valid JSON.'],
};

/** Maps anything thrown while serving a request to a typed error; unknown errors become a bare 500. */
export function toAppError(error: unknown): { error: AppError; unexpected: boolean } {
  if (error instanceof AppError) return { error, unexpected: false };
  const code = (error as { code?: string }).code;
  if (code && FASTIFY_ERRORS[code]) {
    const [status, c, detail] = FASTIFY_ERRORS[code];
    return { error: appError(status, c, detail), unexpected: false };
  }
  if (error instanceof SyntaxError || (error as { statusCode?: number }).statusCode === 400) {
    return { error: appError(400, 'invalid_json', 'The body is not valid JSON.'), unexpected: false };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    // Fastify's JSON body parser errors reach Nest as a plain 400.
    if (status === 400 && /json/i.test(`${error.message} ${JSON.stringify(error.getResponse())}`)) {
      return { error: appError(400, 'invalid_json', 'The body is not valid JSON.'), unexpected: false };
    }
    if (status === 404) return { error: appError(404, 'not_found', 'No such route.'), unexpected: false };
    if (status === 413) return { error: appError(413, 'payload_too_large', 'The body is larger than 1 MiB.'), unexpected: false };
    if (status === 415) return { error: appError(415, 'unsupported_media_type', 'Send JSON with Content-Type: application/json.'), unexpected: false };
    if (status < 500) return { error: appError(status, 'bad_request', titleFor(status)), unexpected: false };
  }
  const statusCode = (error as { statusCode?: number }).statusCode;
  if (statusCode === 413) return { error: appError(413, 'payload_too_large', 'The body is larger than 1 MiB.'), unexpected: false };
  return { error: appError(500, 'internal_error', 'Something went wrong on our side.'), unexpected: true };
}

/** RFC 9457 problem document; a 5xx never carries internal details. */
export function renderProblem(error: AppError, requestId: string): Problem {
  const problem: Problem = {
    type: `https://docs.agentry.dev/errors/${error.code}`,
    title: error.title,
    status: error.status,
    detail: error.detail,
    code: error.code,
    requestId,
  };
  if (error.errors) problem.errors = error.errors;
  if (error.extra) for (const [k, v] of Object.entries(error.extra)) if (!(k in problem)) problem[k] = v;
  return problem;
}
