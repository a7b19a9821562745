import { appError, type RequestContext } from '@agentry/contracts';
import { requireOwnSession } from '../common/principal.js';
import type { UserEntity } from '../users/entities/user.entity.js';
import type { UsersRepository } from '../users/users.repository.js';

/** The signed-in user changing their own 2FA (never from a support session); gone → 401. */
export async function ownAccount(users: UsersRepository, ctx: RequestContext): Promise<UserEntity> {
  const user = await users.findById(requireOwnSession(ctx));
  if (!user) throw appError(401, 'unauthenticated', 'Log in again.');
  return user;
}
