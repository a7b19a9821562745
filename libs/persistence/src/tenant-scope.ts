/**
 * Repository methods take one of these: a query without the tenant cannot be written.
 */
export interface OrgScope {
  readonly orgId: string;
}

export interface AppScope extends OrgScope {
  readonly applicationId: string;
}

/** Adds the end-user restriction when a request acts for an end-user. */
export interface EndUserScope extends AppScope {
  readonly endUserId?: string;
}
