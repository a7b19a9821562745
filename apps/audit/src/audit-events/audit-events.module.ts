import { Module } from '@nestjs/common';
import { AuditEventsConsumer } from './audit-events.consumer.js';
import { AuditEventsController } from './audit-events.controller.js';
import { AuditEventsRepository } from './audit-events.repository.js';
import { RetentionSweep } from './retention/retention-sweep.js';
import { ListAuditEvents } from './use-cases/list-audit-events/list-audit-events.use-case.js';
import { RecordAuditEvent } from './use-cases/record-audit-event/record-audit-event.use-case.js';
import { VerifyAuditChain } from './use-cases/verify-audit-chain/verify-audit-chain.use-case.js';

@Module({
  controllers: [AuditEventsController],
  providers: [AuditEventsRepository, RecordAuditEvent, ListAuditEvents, VerifyAuditChain, AuditEventsConsumer, RetentionSweep],
})
export class AuditEventsModule {}
