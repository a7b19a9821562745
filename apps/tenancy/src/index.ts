import type { ServiceDefinition } from '@agentry/messaging';
import { ApplicationEntity } from './applications/entities/application.entity.js';
import { TenancyConfig } from './config/tenancy.config.js';
import { tenancyMigrations } from './database/migrations/index.js';
import { InvitationEntity } from './invitations/entities/invitation.entity.js';
import { MembershipEntity } from './memberships/entities/membership.entity.js';
import { OrganizationEntity } from './organizations/entities/organization.entity.js';
import { RoleEntity } from './roles/entities/role.entity.js';
import { QuotasEntity } from './settings/entities/quotas.entity.js';
import { TenancyModule } from './tenancy.module.js';

export { TenancyConfig };

export const tenancyService: ServiceDefinition<TenancyConfig> = {
  name: 'tenancy',
  schema: 'tenancy',
  module: TenancyModule,
  configClass: TenancyConfig,
  entities: [OrganizationEntity, ApplicationEntity, MembershipEntity, RoleEntity, QuotasEntity, InvitationEntity],
  migrations: tenancyMigrations,
};
