import type { ServiceDefinition } from '@agentry/messaging';
import { AuditEventEntity } from './audit-events/entities/audit-event.entity.js';
import { AuditModule } from './audit.module.js';
import { AuditConfig } from './config/audit.config.js';
import { auditMigrations } from './database/migrations/index.js';

export { AuditConfig };

export const auditService: ServiceDefinition<AuditConfig> = {
  name: 'audit',
  schema: 'audit',
  module: AuditModule,
  configClass: AuditConfig,
  entities: [AuditEventEntity],
  migrations: auditMigrations,
};
