import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module.js';
import { RolesController } from './roles.controller.js';
import { RolesRepository } from './roles.repository.js';
import { CreateRole } from './use-cases/create-role/create-role.use-case.js';
import { RoleGrants } from './role-grants.js';
import { DeleteRole } from './use-cases/delete-role/delete-role.use-case.js';
import { ListRoles } from './use-cases/list-roles/list-roles.use-case.js';
import { UpdateRole } from './use-cases/update-role/update-role.use-case.js';

@Module({
  imports: [CommonModule],
  controllers: [RolesController],
  providers: [RolesRepository, RoleGrants, ListRoles, CreateRole, UpdateRole, DeleteRole],
  exports: [RolesRepository, RoleGrants],
})
export class RolesModule {}
