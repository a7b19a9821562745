import type { ProblemShape } from '@agentry/contracts';

/** Nest's NATS wire format: the requester sends `{pattern, data, id}`, the server answers `{id, response | err}`. */
export interface RequestPacket<T = unknown> {
  pattern: string;
  data: T;
  id: string;
}

export interface ReplyPacket<T = unknown> {
  id: string;
  response?: T;
  err?: ProblemShape | { status: string; message: string } | string;
  isDisposed?: boolean;
}
