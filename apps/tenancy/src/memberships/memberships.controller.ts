import {
  ListMembershipsRequest, MemberRefRequest, OrgListQuery, ResolveMembershipRequest, Subjects, UpdateMemberRequest, type RequestContext,
} from '@agentry/contracts';
import { Ctx, Data, Rpc } from '@agentry/messaging';
import { Controller } from '@nestjs/common';
import { ListMembers } from './use-cases/list-members/list-members.use-case.js';
import { ListMemberships } from './use-cases/list-memberships/list-memberships.use-case.js';
import { RemoveMember } from './use-cases/remove-member/remove-member.use-case.js';
import { ResolveMembership } from './use-cases/resolve-membership/resolve-membership.use-case.js';
import { UpdateMember } from './use-cases/update-member/update-member.use-case.js';

@Controller()
export class MembershipsController {
  constructor(
    private readonly listMembers: ListMembers,
    private readonly resolveMembership: ResolveMembership,
    private readonly listMemberships: ListMemberships,
    private readonly updateMember: UpdateMember,
    private readonly removeMember: RemoveMember,
  ) {}

  @Rpc(Subjects.tenancy.updateMember)
  update(@Ctx() ctx: RequestContext, @Data(UpdateMemberRequest) input: UpdateMemberRequest) {
    return this.updateMember.execute(ctx, input);
  }

  @Rpc(Subjects.tenancy.removeMember)
  remove(@Ctx() ctx: RequestContext, @Data(MemberRefRequest) input: MemberRefRequest) {
    return this.removeMember.execute(ctx, input);
  }

  @Rpc(Subjects.tenancy.listMembers)
  members(@Ctx() ctx: RequestContext, @Data(OrgListQuery) query: OrgListQuery) {
    return this.listMembers.execute(ctx, query);
  }

  /** Called by the gateway (any ctx); it answers for the user named in the payload. */
  @Rpc(Subjects.tenancy.resolveMembership)
  resolve(@Data(ResolveMembershipRequest) input: ResolveMembershipRequest) {
    return this.resolveMembership.execute(input);
  }

  @Rpc(Subjects.tenancy.listMemberships)
  forUser(@Data(ListMembershipsRequest) input: ListMembershipsRequest) {
    return this.listMemberships.execute(input.userId);
  }
}
