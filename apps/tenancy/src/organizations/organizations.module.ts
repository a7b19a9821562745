import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module.js';
import { CommonModule } from '../common/common.module.js';
import { MembershipsModule } from '../memberships/memberships.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { OrganizationsController } from './organizations.controller.js';
import { OrganizationsRepository } from './organizations.repository.js';
import { CreateOrg } from './use-cases/create-org/create-org.use-case.js';
import { GetOrg } from './use-cases/get-org/get-org.use-case.js';
import { DeleteOrg } from './use-cases/delete-org/delete-org.use-case.js';
import { ListAllOrgs } from './use-cases/list-all-orgs/list-all-orgs.use-case.js';
import { ListOrgs } from './use-cases/list-orgs/list-orgs.use-case.js';
import { TransferOrg } from './use-cases/transfer-org/transfer-org.use-case.js';
import { UpdateOrg } from './use-cases/update-org/update-org.use-case.js';

@Module({
  imports: [CommonModule, ApplicationsModule, MembershipsModule, SettingsModule],
  controllers: [OrganizationsController],
  providers: [OrganizationsRepository, CreateOrg, ListOrgs, GetOrg, UpdateOrg, DeleteOrg, TransferOrg, ListAllOrgs],
  exports: [OrganizationsRepository],
})
export class OrganizationsModule {}
