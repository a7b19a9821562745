import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module.js';
import { RolesController } from './roles.controller.js';
import { RolesRepository } from './roles.repository.js';
import { CreateRole } from './use-cases/create-role/create-role.use-case.js';
import { ListRoles } from './use-cases/list-roles/list-roles.use-case.js';

@Module({ imports: [CommonModule], controllers: [RolesController], providers: [RolesRepository, ListRoles, CreateRole] })
export class RolesModule {}
