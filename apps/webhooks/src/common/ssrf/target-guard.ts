import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { lookup as dnsLookupAsync } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import { appError } from '@agentry/contracts';
import { guardedLookup, isForbiddenAddress } from '@agentry/outbound';
import { Injectable } from '@nestjs/common';
import { WebhooksConfig } from '../../config/webhooks.config.js';

const METADATA_NAMES = new Set(['metadata', 'metadata.google.internal', 'metadata.goog', 'instance-data', 'instance-data.ec2.internal']);
const RESOLVE_TIMEOUT_MS = 3000;

/** Thrown (as a transport error) when a target resolves to a forbidden address at delivery time. */
export class ForbiddenTargetError extends Error {
  readonly code = 'ERR_WEBHOOK_FORBIDDEN_TARGET';
}

/**
 * The SSRF guard. On create/update: http(s) only, no credentials, and the host must not be, or
 * resolve to, a forbidden address (400 `invalid_webhook_url`). At delivery: the same check on the
 * address actually connected to (a `lookup` for http.request), so DNS rebinding gains nothing.
 * WEBHOOKS_ALLOW_PRIVATE_TARGETS=true (development, tests) turns the address checks off.
 */
@Injectable()
export class TargetGuard {
  private readonly allowPrivate: boolean;

  constructor(config: WebhooksConfig) {
    this.allowPrivate = config.WEBHOOKS_ALLOW_PRIVATE_TARGETS;
    this.lookup = this.allowPrivate
      ? (hostname, options, callback) => dnsLookup(hostname, options, callback)
      : guardedLookup((hostname) => new ForbiddenTargetError(`refused to connect: ${hostname} resolves to a forbidden address`));
  }

  /** Checks a target URL and answers it normalized (WHATWG serialization): what is stored and called. */
  async acceptable(raw: string): Promise<string> {
    const url = parseTarget(raw);
    if (this.allowPrivate) return url.href;
    const host = hostOf(url);
    if (isIP(host)) {
      if (isForbiddenAddress(host)) throw invalidUrl('The URL points at a private, loopback, link-local or reserved address.');
      return url.href;
    }
    if (isReservedName(host)) throw invalidUrl('The URL points at a local or metadata host name.');
    const addresses = await resolveAll(host);
    if (addresses.length === 0) throw invalidUrl(`The host ${host} does not resolve.`);
    if (addresses.some((a) => isForbiddenAddress(a.address))) throw invalidUrl(`The host ${host} resolves to a private, loopback, link-local or reserved address.`);
    return url.href;
  }

  /** For delivery: why this URL must not be called before any DNS lookup happens, or null. */
  refusal(url: URL): string | null {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'the URL is not http(s)';
    if (this.allowPrivate) return null;
    const host = hostOf(url);
    if (isIP(host) && isForbiddenAddress(host)) return `refused to connect to the forbidden address ${host}`;
    if (!isIP(host) && isReservedName(host)) return `refused to connect to the reserved host ${host}`;
    return null;
  }

  /** `lookup` for http.request: resolves, then refuses when any address is forbidden (Node's own with allowPrivate). */
  readonly lookup: LookupFunction;
}

function parseTarget(raw: string): URL {
  const text = raw.trim();
  // WHATWG URL parsing would silently drop tabs and newlines and read "\" as "/": refuse both,
  // so what the customer sees stored is what they sent.
  if (/[\u0000-\u0020\u007f\\]/.test(text)) throw invalidUrl('The URL contains whitespace, control characters or a backslash.');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalidUrl('The URL is not a valid absolute URL.');
  }
  if (!/^https?:\/\//i.test(text)) throw invalidUrl('The URL must start with http:// or https://.');
  if (url.port === '0') throw invalidUrl('Port 0 is not a valid destination.');
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalidUrl('Only http and https URLs are accepted.');
  if (url.username || url.password) throw invalidUrl('The URL must not carry credentials.');
  if (!url.hostname) throw invalidUrl('The URL has no host.');
  return url;
}

/** The host without IPv6 brackets or a trailing dot, lower-case (WHATWG URL already decoded IPv4 shorthands). */
function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '').toLowerCase();
}

function isReservedName(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || METADATA_NAMES.has(host);
}

async function resolveAll(host: string): Promise<LookupAddress[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(invalidUrl(`The host ${host} could not be resolved in time.`)), RESOLVE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([dnsLookupAsync(host, { all: true, verbatim: true }), timeout]);
  } catch (error) {
    if (error instanceof Error && 'status' in error) throw error;
    throw invalidUrl(`The host ${host} does not resolve.`);
  } finally {
    clearTimeout(timer);
  }
}

function invalidUrl(detail: string) {
  return appError(400, 'invalid_webhook_url', detail);
}
