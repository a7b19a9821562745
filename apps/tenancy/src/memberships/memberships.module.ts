import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module.js';
import { RolesModule } from '../roles/roles.module.js';
import { MembershipsController } from './memberships.controller.js';
import { MembershipsRepository } from './memberships.repository.js';
import { ListMembers } from './use-cases/list-members/list-members.use-case.js';
import { ListMemberships } from './use-cases/list-memberships/list-memberships.use-case.js';
import { RemoveMember } from './use-cases/remove-member/remove-member.use-case.js';
import { ResolveMembership } from './use-cases/resolve-membership/resolve-membership.use-case.js';
import { UpdateMember } from './use-cases/update-member/update-member.use-case.js';
import { UserDirectory } from './user-directory.js';

@Module({
  imports: [CommonModule, RolesModule],
  controllers: [MembershipsController],
  providers: [MembershipsRepository, UserDirectory, ListMembers, ResolveMembership, ListMemberships, UpdateMember, RemoveMember],
  exports: [MembershipsRepository, UserDirectory],
})
export class MembershipsModule {}
