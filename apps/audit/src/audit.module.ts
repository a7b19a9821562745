import { Module } from '@nestjs/common';
import { AuditEventsModule } from './audit-events/audit-events.module.js';

@Module({ imports: [AuditEventsModule] })
export class AuditModule {}
