/** A typed platform error. It keeps `status` and `code` across the NATS hop and becomes RFC 9457 at the gateway. */
export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export interface ProblemShape {
  status: number;
  code: string;
  title: string;
  detail?: string;
  errors?: FieldError[];
  /** Extra members copied into the problem document (e.g. `permission`). */
  extra?: Record<string, unknown>;
}

export class AppError extends Error implements ProblemShape {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail?: string;
  readonly errors?: FieldError[];
  readonly extra?: Record<string, unknown>;

  constructor(shape: ProblemShape) {
    super(shape.detail ?? shape.title);
    this.status = shape.status;
    this.code = shape.code;
    this.title = shape.title;
    this.detail = shape.detail;
    this.errors = shape.errors;
    this.extra = shape.extra;
  }

  toShape(): ProblemShape {
    return { status: this.status, code: this.code, title: this.title, detail: this.detail, errors: this.errors, extra: this.extra };
  }

  static fromShape(shape: ProblemShape): AppError {
    return new AppError(shape);
  }

  static isShape(value: unknown): value is ProblemShape {
    return typeof value === 'object' && value !== null && typeof (value as ProblemShape).status === 'number' && typeof (value as ProblemShape).code === 'string';
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 402: 'Payment Required', 403: 'Forbidden', 404: 'Not Found',
  405: 'Method Not Allowed', 409: 'Conflict', 410: 'Gone', 413: 'Payload Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Content', 429: 'Too Many Requests', 431: 'Request Header Fields Too Large',
  500: 'Internal Server Error', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

export function titleFor(status: number): string {
  return TITLES[status] ?? 'Error';
}

export function appError(status: number, code: string, detail?: string, extra?: Record<string, unknown>): AppError {
  return new AppError({ status, code, title: titleFor(status), detail, extra });
}

export const Errors = {
  notFound: (resource: string) => appError(404, 'not_found', `No such ${resource}.`),
  validation: (errors: FieldError[]) =>
    new AppError({ status: 400, code: 'validation_failed', title: titleFor(400), detail: 'The request is invalid: see errors.', errors }),
  conflict: (code: string, detail: string) => appError(409, code, detail),
  insufficientScope: (permission: string) =>
    appError(403, 'insufficient_scope', `This request needs the ${permission} permission.`, { permission }),
  invalidCursor: () => appError(400, 'invalid_cursor', 'The cursor is malformed, expired or belongs to another list.'),
  internal: () => appError(500, 'internal_error', 'Something went wrong on our side.'),
};
