/**
 * Every NATS subject of the platform. RPC subjects are versioned (`.v1`); a new payload shape
 * is a new subject. In tests a namespace is prepended (see @agentry/messaging `Namespace`).
 */
export const Subjects = {
  identity: {
    signup: 'identity.user.signup.v1',
    login: 'identity.user.login.v1',
    logout: 'identity.session.logout.v1',
    authenticateSession: 'identity.session.authenticate.v1',
    getMe: 'identity.user.get.v1',
    lookupUsers: 'identity.user.lookup.v1',
    createApiKey: 'identity.api-key.create.v1',
    listApiKeys: 'identity.api-key.list.v1',
    getApiKey: 'identity.api-key.get.v1',
    revokeApiKey: 'identity.api-key.revoke.v1',
    authenticateApiKey: 'identity.api-key.authenticate.v1',
    createEndUser: 'identity.end-user.create.v1',
    listEndUsers: 'identity.end-user.list.v1',
    getEndUser: 'identity.end-user.get.v1',
    updateEndUser: 'identity.end-user.update.v1',
    deleteEndUser: 'identity.end-user.delete.v1',
    resolveEndUser: 'identity.end-user.resolve.v1',
    createConnection: 'identity.connection.create.v1',
    listConnections: 'identity.connection.list.v1',
    deleteConnection: 'identity.connection.delete.v1',
    connectionsForOwner: 'identity.connection.for-owner.v1',
    listSessions: 'identity.session.list.v1',
    revokeSession: 'identity.session.revoke.v1',
    setUpTwoFactor: 'identity.two-factor.setup.v1',
    enableTwoFactor: 'identity.two-factor.enable.v1',
    disableTwoFactor: 'identity.two-factor.disable.v1',
    /** Platform admins only (ctx.platformAdmin). */
    startImpersonation: 'identity.impersonation.start.v1',
    endImpersonation: 'identity.impersonation.end.v1',
  },
  tenancy: {
    createOrg: 'tenancy.org.create.v1',
    listOrgs: 'tenancy.org.list.v1',
    getOrg: 'tenancy.org.get.v1',
    updateOrg: 'tenancy.org.update.v1',
    deleteOrg: 'tenancy.org.delete.v1',
    transferOrg: 'tenancy.org.transfer.v1',
    updateMember: 'tenancy.member.update.v1',
    removeMember: 'tenancy.member.remove.v1',
    createInvitation: 'tenancy.invitation.create.v1',
    listInvitations: 'tenancy.invitation.list.v1',
    revokeInvitation: 'tenancy.invitation.revoke.v1',
    previewInvitation: 'tenancy.invitation.preview.v1',
    acceptInvitation: 'tenancy.invitation.accept.v1',
    listMembers: 'tenancy.member.list.v1',
    resolveMembership: 'tenancy.membership.resolve.v1',
    listMemberships: 'tenancy.membership.list-for-user.v1',
    /** Platform admins only: every live org. */
    listAllOrgs: 'tenancy.org.list-all.v1',
    createApplication: 'tenancy.application.create.v1',
    listApplications: 'tenancy.application.list.v1',
    getApplication: 'tenancy.application.get.v1',
    updateApplication: 'tenancy.application.update.v1',
    deleteApplication: 'tenancy.application.delete.v1',
    getSettings: 'tenancy.settings.get.v1',
    updateSettings: 'tenancy.settings.update.v1',
    getQuotas: 'tenancy.quotas.get.v1',
    updateQuotas: 'tenancy.quotas.update.v1',
    listRoles: 'tenancy.role.list.v1',
    createRole: 'tenancy.role.create.v1',
    updateRole: 'tenancy.role.update.v1',
    deleteRole: 'tenancy.role.delete.v1',
  },
  runs: {
    createAgent: 'runs.agent.create.v1',
    listAgents: 'runs.agent.list.v1',
    getAgent: 'runs.agent.get.v1',
    updateAgent: 'runs.agent.update.v1',
    deleteAgent: 'runs.agent.delete.v1',
    publishVersion: 'runs.agent-version.create.v1',
    listVersions: 'runs.agent-version.list.v1',
    createRun: 'runs.run.create.v1',
    getRun: 'runs.run.get.v1',
    listRuns: 'runs.run.list.v1',
    cancelRun: 'runs.run.cancel.v1',
    cancelRuns: 'runs.run.cancel-many.v1',
    getKillSwitch: 'runs.kill-switch.get.v1',
    engageKillSwitch: 'runs.kill-switch.engage.v1',
    releaseKillSwitch: 'runs.kill-switch.release.v1',
    /** Platform admins only (ctx.platformAdmin). */
    getPlatformKillSwitch: 'runs.platform-kill-switch.get.v1',
    engagePlatformKillSwitch: 'runs.platform-kill-switch.engage.v1',
    releasePlatformKillSwitch: 'runs.platform-kill-switch.release.v1',
    listRunEvents: 'runs.run.events.v1',
    /** Tenancy → runs before an org is deleted: `{live}` queued and running runs; with none, admission closes. */
    closeOrgAdmission: 'runs.org.close.v1',
    /** Runner → runs. */
    startRun: 'runs.run.start.v1',
    heartbeatRun: 'runs.run.heartbeat.v1',
    appendRunEvent: 'runs.run.append-event.v1',
    completeRun: 'runs.run.complete.v1',
  },
  audit: {
    listEvents: 'audit.event.list.v1',
  },
  webhooks: {
    createEndpoint: 'webhooks.endpoint.create.v1',
    listEndpoints: 'webhooks.endpoint.list.v1',
    getEndpoint: 'webhooks.endpoint.get.v1',
    updateEndpoint: 'webhooks.endpoint.update.v1',
    deleteEndpoint: 'webhooks.endpoint.delete.v1',
    listMessages: 'webhooks.message.list.v1',
  },
  /** Core NATS broadcasts: ephemeral, every replica receives them (no queue group). */
  broadcast: {
    apiKeyRevoked: 'broadcast.api-key.revoked',
    sessionRevoked: 'broadcast.session.revoked',
    endUserDeleted: 'broadcast.end-user.deleted',
    membershipChanged: 'broadcast.membership.changed',
    quotasChanged: 'broadcast.quotas.changed',
    runCancelled: 'broadcast.run.cancelled',
    /** A runner's event was recorded (state events are heard on their `events.run.*` subject). */
    runEventAppended: 'broadcast.run.event-appended',
  },
} as const;

/** JetStream streams and their subjects (before namespacing). */
export const Streams = {
  events: { name: 'EVENTS', subjects: ['events.>'] },
  runJobs: { name: 'RUN_JOBS', subjects: ['jobs.run'] },
} as const;

export const eventSubject = (type: string): string => `events.${type}`;
export const RUN_JOB_SUBJECT = 'jobs.run';
