import { CreateRoleRequest, OrgListQuery, RoleRefRequest, Subjects, UpdateRoleRequest, type RequestContext } from '@agentry/contracts';
import { Ctx, Data, Rpc } from '@agentry/messaging';
import { Controller } from '@nestjs/common';
import { CreateRole } from './use-cases/create-role/create-role.use-case.js';
import { DeleteRole } from './use-cases/delete-role/delete-role.use-case.js';
import { ListRoles } from './use-cases/list-roles/list-roles.use-case.js';
import { UpdateRole } from './use-cases/update-role/update-role.use-case.js';

@Controller()
export class RolesController {
  constructor(
    private readonly listRoles: ListRoles,
    private readonly createRole: CreateRole,
    private readonly updateRole: UpdateRole,
    private readonly deleteRole: DeleteRole,
  ) {}

  @Rpc(Subjects.tenancy.listRoles)
  list(@Ctx() ctx: RequestContext, @Data(OrgListQuery) query: OrgListQuery) {
    return this.listRoles.execute(ctx, query);
  }

  @Rpc(Subjects.tenancy.createRole)
  create(@Ctx() ctx: RequestContext, @Data(CreateRoleRequest) input: CreateRoleRequest) {
    return this.createRole.execute(ctx, input);
  }

  @Rpc(Subjects.tenancy.updateRole)
  update(@Ctx() ctx: RequestContext, @Data(UpdateRoleRequest) input: UpdateRoleRequest) {
    return this.updateRole.execute(ctx, input);
  }

  @Rpc(Subjects.tenancy.deleteRole)
  remove(@Ctx() ctx: RequestContext, @Data(RoleRefRequest) input: RoleRefRequest) {
    return this.deleteRole.execute(ctx, input);
  }
}
