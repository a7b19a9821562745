import { CreateOrgRequest, GetOrgRequest, ListOrgsRequest, Subjects, TransferOrgRequest, UpdateOrgRequest, type RequestContext } from '@agentry/contracts';
import { Ctx, Data, Rpc } from '@agentry/messaging';
import { Controller } from '@nestjs/common';
import { CreateOrg } from './use-cases/create-org/create-org.use-case.js';
import { GetOrg } from './use-cases/get-org/get-org.use-case.js';
import { DeleteOrg } from './use-cases/delete-org/delete-org.use-case.js';
import { ListAllOrgs } from './use-cases/list-all-orgs/list-all-orgs.use-case.js';
import { ListOrgs } from './use-cases/list-orgs/list-orgs.use-case.js';
import { TransferOrg } from './use-cases/transfer-org/transfer-org.use-case.js';
import { UpdateOrg } from './use-cases/update-org/update-org.use-case.js';

/** Session routes: the caller is ctx.principal.userId. */
@Controller()
export class OrganizationsController {
  constructor(
    private readonly createOrg: CreateOrg,
    private readonly listOrgs: ListOrgs,
    private readonly getOrg: GetOrg,
    private readonly updateOrg: UpdateOrg,
    private readonly deleteOrg: DeleteOrg,
    private readonly transferOrg: TransferOrg,
    private readonly listAllOrgs: ListAllOrgs,
  ) {}

  @Rpc(Subjects.tenancy.listAllOrgs)
  listAll(@Ctx() ctx: RequestContext, @Data(ListOrgsRequest) query: ListOrgsRequest) {
    return this.listAllOrgs.execute(ctx, query);
  }

  @Rpc(Subjects.tenancy.updateOrg)
  update(@Ctx() ctx: RequestContext, @Data(UpdateOrgRequest) input: UpdateOrgRequest) {
    return this.updateOrg.execute(ctx, input);
  }

  @Rpc(Subjects.tenancy.deleteOrg)
  remove(@Ctx() ctx: RequestContext, @Data(GetOrgRequest) input: GetOrgRequest) {
    return this.deleteOrg.execute(ctx, input);
  }

  @Rpc(Subjects.tenancy.transferOrg)
  transfer(@Ctx() ctx: RequestContext, @Data(TransferOrgRequest) input: TransferOrgRequest) {
    return this.transferOrg.execute(ctx, input);
  }

  @Rpc(Subjects.tenancy.createOrg)
  create(@Ctx() ctx: RequestContext, @Data(CreateOrgRequest) input: CreateOrgRequest) {
    return this.createOrg.execute(ctx, input);
  }

  @Rpc(Subjects.tenancy.listOrgs)
  list(@Ctx() ctx: RequestContext, @Data(ListOrgsRequest) query: ListOrgsRequest) {
    return this.listOrgs.execute(ctx, query);
  }

  @Rpc(Subjects.tenancy.getOrg)
  get(@Ctx() ctx: RequestContext, @Data(GetOrgRequest) input: GetOrgRequest) {
    return this.getOrg.execute(ctx, input);
  }
}
