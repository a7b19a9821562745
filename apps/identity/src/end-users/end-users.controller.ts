import {
  CreateEndUserRequest, IdentityIdRequest, ListEndUsersQuery, ResolveEndUserRequest, Subjects, UpdateEndUserRequest, type RequestContext,
} from '@agentry/contracts';
import { Ctx, Data, Rpc } from '@agentry/messaging';
import { Controller } from '@nestjs/common';
import { CreateEndUser } from './use-cases/create-end-user/create-end-user.use-case.js';
import { DeleteEndUser } from './use-cases/delete-end-user/delete-end-user.use-case.js';
import { GetEndUser } from './use-cases/get-end-user/get-end-user.use-case.js';
import { ListEndUsers } from './use-cases/list-end-users/list-end-users.use-case.js';
import { ResolveEndUser } from './use-cases/resolve-end-user/resolve-end-user.use-case.js';
import { UpdateEndUser } from './use-cases/update-end-user/update-end-user.use-case.js';

@Controller()
export class EndUsersController {
  constructor(
    private readonly createEndUser: CreateEndUser,
    private readonly listEndUsers: ListEndUsers,
    private readonly getEndUser: GetEndUser,
    private readonly updateEndUser: UpdateEndUser,
    private readonly deleteEndUser: DeleteEndUser,
    private readonly resolveEndUser: ResolveEndUser,
  ) {}

  @Rpc(Subjects.identity.createEndUser)
  create(@Ctx() ctx: RequestContext, @Data(CreateEndUserRequest) input: CreateEndUserRequest) {
    return this.createEndUser.execute(ctx, input);
  }

  @Rpc(Subjects.identity.listEndUsers)
  list(@Ctx() ctx: RequestContext, @Data(ListEndUsersQuery) query: ListEndUsersQuery) {
    return this.listEndUsers.execute(ctx, query);
  }

  @Rpc(Subjects.identity.getEndUser)
  get(@Ctx() ctx: RequestContext, @Data(IdentityIdRequest) input: IdentityIdRequest) {
    return this.getEndUser.execute(ctx, input.id);
  }

  @Rpc(Subjects.identity.updateEndUser)
  update(@Ctx() ctx: RequestContext, @Data(UpdateEndUserRequest) input: UpdateEndUserRequest) {
    return this.updateEndUser.execute(ctx, input);
  }

  @Rpc(Subjects.identity.deleteEndUser)
  remove(@Ctx() ctx: RequestContext, @Data(IdentityIdRequest) input: IdentityIdRequest) {
    return this.deleteEndUser.execute(ctx, input.id);
  }

  @Rpc(Subjects.identity.resolveEndUser)
  resolve(@Ctx() ctx: RequestContext, @Data(ResolveEndUserRequest) input: ResolveEndUserRequest) {
    return this.resolveEndUser.execute(ctx, input.endUserId);
  }
}
