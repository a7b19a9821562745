import { CreateOrgRequest, GetOrgRequest, ListOrgsRequest, Subjects, type RequestContext } from '@agentry/contracts';
import { Ctx, Data, Rpc } from '@agentry/messaging';
import { Controller } from '@nestjs/common';
import { CreateOrg } from './use-cases/create-org/create-org.use-case.js';
import { GetOrg } from './use-cases/get-org/get-org.use-case.js';
import { ListOrgs } from './use-cases/list-orgs/list-orgs.use-case.js';

/** Session routes: the caller is ctx.principal.userId. */
@Controller()
export class OrganizationsController {
  constructor(private readonly createOrg: CreateOrg, private readonly listOrgs: ListOrgs, private readonly getOrg: GetOrg) {}

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
