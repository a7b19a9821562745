import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';

/** An agent answering with this media type sends `{output, usage?}` instead of the bare output. */
export const RESULT_MEDIA_TYPE = 'application/vnd.agentry.result+json';

export class ResponseTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`the response exceeded ${limit} bytes`);
    this.name = 'ResponseTooLargeError';
  }
}

export interface PostOptions {
  signal: AbortSignal;
  /** Custom resolution (the public-address guard); undefined uses the system resolver. */
  lookup?: LookupFunction;
  maxResponseBytes: number;
}

/** POSTs a JSON body; resolves with the status and the (bounded) body text. Redirects are not followed. */
export function postJson(url: URL, body: string, options: PostOptions): Promise<{ status: number; contentType: string; text: string }> {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST', signal: options.signal, lookup: options.lookup,
        headers: {
          'content-type': 'application/json', accept: `${RESULT_MEDIA_TYPE}, application/json`, 'content-length': Buffer.byteLength(body), 'user-agent': 'agentry-runner',
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxResponseBytes) req.destroy(new ResponseTooLargeError(options.maxResponseBytes));
          else chunks.push(chunk);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
