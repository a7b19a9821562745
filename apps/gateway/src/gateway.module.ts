import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { Authenticator } from './edge/authenticator.js';
import { DenialRecorder } from './edge/denial-recorder.js';
import { SupportAccessRecorder } from './edge/support-access-recorder.js';
import { EdgeGuard } from './edge/edge.guard.js';
import { ProblemFilter } from './edge/problem.filter.js';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor.js';
import { IdempotencyStore } from './idempotency/idempotency.store.js';
import { OperationsController } from './observability/operations.controller.js';
import { ReadinessProbe } from './observability/readiness.probe.js';
import { RateLimitPolicy } from './rate-limit/rate-limit.policy.js';
import { ROUTE_CONTROLLERS } from './routes/route-controllers.js';
import { RunEventHub } from './routes/runs/events/run-event-hub.js';
import { RunEventStreams } from './routes/runs/events/run-event-streams.js';

/** The edge: one guard (auth → context → permission → rate limit), idempotency, problem+json. */
@Module({
  controllers: [...ROUTE_CONTROLLERS, OperationsController],
  providers: [
    Authenticator, DenialRecorder, SupportAccessRecorder, RateLimitPolicy, IdempotencyStore, ReadinessProbe, RunEventHub, RunEventStreams,
    { provide: APP_GUARD, useClass: EdgeGuard },
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
    { provide: APP_FILTER, useClass: ProblemFilter },
  ],
})
export class GatewayModule {}
