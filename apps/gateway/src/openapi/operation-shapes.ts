import {
  CancelRunRequest, CancelRunsRequest, CreateAgentRequest, CreateInvitationRequest, CreateRoleRequest, EngageKillSwitchRequest,
  ListInvitationsRequest, StartImpersonationRequest, TransferOrgRequest, TwoFactorCodeRequest, UpdateMemberRequest, UpdateOrgRequest, UpdateRoleRequest, CreateApiKeyRequest, CreateApplicationRequest, CreateConnectionRequest, CreateEndUserRequest,
  CreateOrgRequest, CreateRunRequest, CreateWebhookEndpointRequest, IdentityListQuery, ListAgentsQuery, ListAuditEventsRequest,
  ListEndUsersQuery, ListOrgsRequest, ListRunEventsQuery, ListRunsQuery, ListVersionsQuery, ListWebhookEndpointsRequest,
  ListWebhookMessagesRequest, LoginRequest, OrgListQuery, PublishVersionRequest, RecoverWebhookMessagesRequest,
  RotateWebhookSecretRequest, SignupRequest, TenancyListQuery, UpdateAgentRequest, UpdateApplicationRequest, UpdateEndUserRequest,
  UpdateQuotasRequest, UpdateSettingsRequest, UpdateWebhookEndpointRequest, type Class,
} from '@agentry/contracts';

/** What an operation accepts: the contract class the owning service validates its body or query with. */
export interface OperationShape {
  body?: Class<object>;
  query?: Class<object>;
  /** Query parameters the gateway itself reads. */
  extraQuery?: Array<{ name: string; description: string; schema: Record<string, unknown> }>;
  description?: string;
  /** Media types of the 2xx answer, when not only JSON. */
  produces?: string[];
}

/**
 * Handlers forward bodies untouched, so the OpenAPI generator cannot see their types; this table
 * names them, keyed by operationId (`<Controller>_<method>`). A route missing here is documented
 * without a body or query parameters; the test of the document checks every body-taking route is here.
 */
export const OPERATION_SHAPES: Record<string, OperationShape> = {
  AuthController_signup: { body: SignupRequest },
  AuthController_login: { body: LoginRequest },
  AuthController_sessions: { query: IdentityListQuery },
  TwoFactorController_enable: { body: TwoFactorCodeRequest },
  TwoFactorController_disable: { body: TwoFactorCodeRequest },
  OrgsController_list: { query: ListOrgsRequest },
  OrgsController_create: { body: CreateOrgRequest },
  OrgsController_update: { body: UpdateOrgRequest },
  OrgsController_transfer: { body: TransferOrgRequest },
  MembersController_list: { query: OrgListQuery },
  MembersController_update: { body: UpdateMemberRequest },
  InvitationsController_list: { query: ListInvitationsRequest },
  InvitationsController_create: { body: CreateInvitationRequest },
  RolesController_list: { query: OrgListQuery },
  RolesController_create: { body: CreateRoleRequest },
  RolesController_update: { body: UpdateRoleRequest },
  OrgsController_updateSettings: { body: UpdateSettingsRequest },
  OrgsController_updateQuotas: { body: UpdateQuotasRequest },
  ApplicationsController_list: { query: TenancyListQuery },
  ApplicationsController_create: { body: CreateApplicationRequest },
  ApplicationsController_update: { body: UpdateApplicationRequest },
  ApiKeysController_list: { query: IdentityListQuery },
  ApiKeysController_create: { body: CreateApiKeyRequest },
  EndUsersController_list: { query: ListEndUsersQuery },
  EndUsersController_create: { body: CreateEndUserRequest },
  EndUsersController_update: { body: UpdateEndUserRequest },
  ConnectionsController_list: { query: IdentityListQuery },
  ConnectionsController_create: { body: CreateConnectionRequest },
  AgentsController_list: { query: ListAgentsQuery },
  AgentsController_create: { body: CreateAgentRequest },
  AgentsController_update: { body: UpdateAgentRequest },
  AgentsController_versions: { query: ListVersionsQuery },
  AgentsController_publish: { body: PublishVersionRequest },
  RunsController_create: { body: CreateRunRequest },
  RunsController_list: { query: ListRunsQuery },
  RunsController_events: {
    query: ListRunEventsQuery,
    produces: ['application/json', 'text/event-stream'],
    description: 'The run\'s events, oldest first. With `Accept: text/event-stream`, a live stream instead: `id: <seq>`, `event: <type>`, `data: <event>`, starting after `Last-Event-ID` (or `after`), ending after the terminal event.',
  },
  RunsController_cancel: { body: CancelRunRequest },
  RunsController_cancelMany: { body: CancelRunsRequest },
  OrgsController_engageKillSwitch: { body: EngageKillSwitchRequest },
  AdminController_engageKillSwitch: { body: EngageKillSwitchRequest },
  AdminController_orgs: { query: TenancyListQuery },
  AdminController_auditEvents: { query: ListAuditEventsRequest },
  AdminController_impersonate: { body: StartImpersonationRequest },
  WebhooksController_list: { query: ListWebhookEndpointsRequest },
  WebhooksController_create: { body: CreateWebhookEndpointRequest },
  WebhooksController_update: { body: UpdateWebhookEndpointRequest },
  WebhooksController_messages: { query: ListWebhookMessagesRequest },
  WebhooksController_rotateSecret: { body: RotateWebhookSecretRequest },
  WebhooksController_recover: { body: RecoverWebhookMessagesRequest },
  AuditController_list: { query: ListAuditEventsRequest },
  AuditController_export: {
    query: ListAuditEventsRequest,
    extraQuery: [{ name: 'format', description: 'ndjson (default) or csv; limit and cursor are not accepted', schema: { type: 'string', enum: ['ndjson', 'csv'] } }],
    produces: ['application/x-ndjson', 'text/csv'],
  },
};
