import { ApplicationIdRequest, CreateApplicationRequest, Subjects, TenancyListQuery, UpdateApplicationRequest, type RequestContext } from '@agentry/contracts';
import { Ctx, Data, Rpc } from '@agentry/messaging';
import { Controller } from '@nestjs/common';
import { CreateApplication } from './use-cases/create-application/create-application.use-case.js';
import { DeleteApplication } from './use-cases/delete-application/delete-application.use-case.js';
import { GetApplication } from './use-cases/get-application/get-application.use-case.js';
import { ListApplications } from './use-cases/list-applications/list-applications.use-case.js';
import { UpdateApplication } from './use-cases/update-application/update-application.use-case.js';

/** Org-scoped (ctx.orgId); an API key sees only its own application. */
@Controller()
export class ApplicationsController {
  constructor(
    private readonly createApplication: CreateApplication,
    private readonly listApplications: ListApplications,
    private readonly getApplication: GetApplication,
    private readonly updateApplication: UpdateApplication,
    private readonly deleteApplication: DeleteApplication,
  ) {}

  @Rpc(Subjects.tenancy.createApplication)
  create(@Ctx() ctx: RequestContext, @Data(CreateApplicationRequest) input: CreateApplicationRequest) {
    return this.createApplication.execute(ctx, input);
  }

  @Rpc(Subjects.tenancy.listApplications)
  list(@Ctx() ctx: RequestContext, @Data(TenancyListQuery) query: TenancyListQuery) {
    return this.listApplications.execute(ctx, query);
  }

  @Rpc(Subjects.tenancy.getApplication)
  get(@Ctx() ctx: RequestContext, @Data(ApplicationIdRequest) input: ApplicationIdRequest) {
    return this.getApplication.execute(ctx, input.id);
  }

  @Rpc(Subjects.tenancy.updateApplication)
  update(@Ctx() ctx: RequestContext, @Data(UpdateApplicationRequest) input: UpdateApplicationRequest) {
    return this.updateApplication.execute(ctx, input);
  }

  @Rpc(Subjects.tenancy.deleteApplication)
  remove(@Ctx() ctx: RequestContext, @Data(ApplicationIdRequest) input: ApplicationIdRequest) {
    return this.deleteApplication.execute(ctx, input.id);
  }
}
