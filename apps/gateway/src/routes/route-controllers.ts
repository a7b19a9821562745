import { AdminController } from './admin/admin.controller.js';
import { AgentsController } from './agents/agents.controller.js';
import { ApiKeysController } from './api-keys/api-keys.controller.js';
import { ApplicationsController } from './applications/applications.controller.js';
import { AuditController } from './audit/audit.controller.js';
import { AuthController } from './auth/auth.controller.js';
import { TwoFactorController } from './auth/two-factor.controller.js';
import { ConnectionsController } from './connections/connections.controller.js';
import { EndUsersController } from './end-users/end-users.controller.js';
import { InvitationsController } from './invitations/invitations.controller.js';
import { MembersController } from './members/members.controller.js';
import { OrgsController } from './orgs/orgs.controller.js';
import { RolesController } from './roles/roles.controller.js';
import { RunsController } from './runs/runs.controller.js';
import { WebhooksController } from './webhooks/webhooks.controller.js';

/** Every public HTTP route, under /api. */
export const ROUTE_CONTROLLERS = [
  AuthController, TwoFactorController, OrgsController, MembersController, InvitationsController, RolesController, ApplicationsController, ApiKeysController, EndUsersController,
  ConnectionsController, AgentsController, RunsController, WebhooksController, AuditController, AdminController,
];
