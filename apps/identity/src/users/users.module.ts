import { Module } from '@nestjs/common';
import { IssueSession } from '../sessions/issue-session.js';
import { SessionsRepository } from '../sessions/sessions.repository.js';
import { AuthenticateSession } from '../sessions/use-cases/authenticate-session/authenticate-session.use-case.js';
import { LogOut } from '../sessions/use-cases/log-out/log-out.use-case.js';
import { PasswordHasher } from './password-hasher.js';
import { GetMe } from './use-cases/get-me/get-me.use-case.js';
import { LogIn } from './use-cases/log-in/log-in.use-case.js';
import { SignUp } from './use-cases/sign-up/sign-up.use-case.js';
import { UsersController } from './users.controller.js';
import { UsersRepository } from './users.repository.js';

@Module({
  controllers: [UsersController],
  providers: [UsersRepository, SessionsRepository, PasswordHasher, IssueSession, SignUp, LogIn, LogOut, AuthenticateSession, GetMe],
  exports: [UsersRepository],
})
export class UsersModule {}
