import { NATS_CONNECTION } from '@agentry/messaging';
import { Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { DataSource } from 'typeorm';

@Injectable()
export class ReadinessProbe {
  constructor(private readonly dataSource: DataSource, @Inject(NATS_CONNECTION) private readonly nc: NatsConnection) {}

  async check(): Promise<{ ready: boolean; checks: Record<string, string> }> {
    const checks: Record<string, string> = {};
    await Promise.all([
      this.dataSource.query('SELECT 1').then(() => (checks.postgres = 'ok'), (e: Error) => (checks.postgres = e.message)),
      this.nc.flush().then(() => (checks.nats = 'ok'), (e: Error) => (checks.nats = e.message)),
    ]);
    return { ready: Object.values(checks).every((v) => v === 'ok'), checks };
  }
}
