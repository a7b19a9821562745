import { context, propagation, trace, type Context } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';

let started = false;

/**
 * Starts OpenTelemetry before anything else is loaded. Spans are created and their context is
 * propagated (W3C `traceparent`) through HTTP and NATS headers; exporting is left to the
 * deployment (an OTLP exporter can be added to the provider without touching services).
 */
export function startTracing(serviceName: string): void {
  if (started) return;
  started = true;
  const provider = new BasicTracerProvider({ resource: undefined });
  trace.setGlobalTracerProvider(provider);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  process.env.OTEL_SERVICE_NAME ??= serviceName;
}

/** Reads a W3C traceparent into an OpenTelemetry context. */
export function contextFromTraceparent(traceparent: string | undefined): Context {
  if (!traceparent) return context.active();
  return propagation.extract(context.active(), { traceparent });
}

const TRACEPARENT = /^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/** Keeps a caller's valid traceparent, or starts a new trace. */
export function ensureTraceparent(incoming: string | undefined, randomHex: (bytes: number) => string): string {
  if (incoming && TRACEPARENT.test(incoming)) return incoming;
  return `00-${randomHex(16)}-${randomHex(8)}-01`;
}
