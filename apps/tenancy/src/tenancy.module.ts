import { Module } from '@nestjs/common';
import { ApplicationsModule } from './applications/applications.module.js';
import { InvitationsModule } from './invitations/invitations.module.js';
import { MembershipsModule } from './memberships/memberships.module.js';
import { OrganizationsModule } from './organizations/organizations.module.js';
import { RolesModule } from './roles/roles.module.js';
import { SettingsModule } from './settings/settings.module.js';

@Module({ imports: [OrganizationsModule, MembershipsModule, RolesModule, ApplicationsModule, SettingsModule, InvitationsModule] })
export class TenancyModule {}
