import { CreateRoleRequest, OrgListQuery, Subjects, type RequestContext } from '@agentry/contracts';
import { Ctx, Data, Rpc } from '@agentry/messaging';
import { Controller } from '@nestjs/common';
import { CreateRole } from './use-cases/create-role/create-role.use-case.js';
import { ListRoles } from './use-cases/list-roles/list-roles.use-case.js';

@Controller()
export class RolesController {
  constructor(private readonly listRoles: ListRoles, private readonly createRole: CreateRole) {}

  @Rpc(Subjects.tenancy.listRoles)
  list(@Ctx() ctx: RequestContext, @Data(OrgListQuery) query: OrgListQuery) {
    return this.listRoles.execute(ctx, query);
  }

  @Rpc(Subjects.tenancy.createRole)
  create(@Ctx() ctx: RequestContext, @Data(CreateRoleRequest) input: CreateRoleRequest) {
    return this.createRole.execute(ctx, input);
  }
}
