import type { UserDto } from '@agentry/contracts';
import type { UserEntity } from './entities/user.entity.js';

/** Whitelists what leaves the service: never the password hash or the TOTP secret. */
export function toUserDto(user: UserEntity): UserDto {
  return { id: user.id, object: 'user', email: user.email, name: user.name, twoFactorEnabled: user.twoFactorEnabled, createdAt: user.createdAt.toISOString() };
}
