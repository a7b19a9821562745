import { Controller, Get, Header, HttpCode, Res } from '@nestjs/common';
import { Public } from '../core/route-metadata.js';
import type { GatewayReply } from '../core/gateway-request.js';
import { ReadinessProbe } from './readiness.probe.js';
import { GatewayMetrics } from './gateway-metrics.js';

/** /healthz, /readyz and /metrics on the gateway's own port, outside /api. */
@Controller()
export class OperationsController {
  constructor(private readonly readiness: ReadinessProbe, private readonly metrics: GatewayMetrics) {}

  @Get('healthz') @Public() @HttpCode(200)
  healthz() {
    return { status: 'ok', service: 'gateway' };
  }

  @Get('readyz') @Public()
  async readyz(@Res({ passthrough: true }) reply: GatewayReply) {
    const result = await this.readiness.check();
    reply.status(result.ready ? 200 : 503);
    return result;
  }

  @Get('metrics') @Public() @Header('Content-Type', 'text/plain; version=0.0.4')
  metricsText() {
    return this.metrics.registry.metrics();
  }
}
