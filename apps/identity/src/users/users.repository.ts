import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { UserEntity } from './entities/user.entity.js';

/** Dashboard users are global (not tenant-scoped): they belong to organizations through memberships. */
@Injectable()
export class UsersRepository {
  constructor(private readonly dataSource: DataSource) {}

  findById(id: string): Promise<UserEntity | null> {
    return this.dataSource.getRepository(UserEntity).findOneBy({ id });
  }

  findByEmail(email: string): Promise<UserEntity | null> {
    return this.dataSource.getRepository(UserEntity).findOneBy({ email });
  }

  async findByIds(ids: string[]): Promise<UserEntity[]> {
    if (ids.length === 0) return [];
    return this.dataSource.getRepository(UserEntity).createQueryBuilder('u').where('u.id = ANY(:ids)', { ids }).getMany();
  }

  async setTwoFactor(id: string, state: Partial<{ totpSecret: string | null; twoFactorEnabled: boolean; totpLastStep: string | null }>): Promise<void> {
    await this.dataSource.getRepository(UserEntity).update({ id }, { ...state, updatedAt: new Date() });
  }

  /** Turns 2FA on only if the secret is still the one a code was just checked against (a setup racing in would replace it). */
  async enableTwoFactor(id: string, sealedSecret: string): Promise<boolean> {
    const result = await this.dataSource.getRepository(UserEntity).update({ id, totpSecret: sealedSecret }, { twoFactorEnabled: true, updatedAt: new Date() });
    return (result.affected ?? 0) === 1;
  }

  /** Records that a code of `step` was used; false when that step (or a later one) already was: a replay. */
  async claimTotpStep(id: string, step: number): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `UPDATE "identity"."users" SET "totp_last_step" = $2 WHERE "id" = $1 AND ("totp_last_step" IS NULL OR "totp_last_step" < $2) RETURNING "id"`,
      [id, step],
    );
    const affected = Array.isArray(rows[0]) ? (rows[0] as unknown[]) : rows;
    return affected.length === 1;
  }

  async insert(manager: EntityManager, user: UserEntity): Promise<void> {
    await manager.getRepository(UserEntity).insert(user);
  }
}
