// What IAM offers other services in-process: roles as a service acting with them sees them (API
// Gateway's CredentialsArn), and a simple check of what a role's inline policies allow.

export interface IamRoleInfo {
  name: string;
  arn: string;
  /** The trust policy document (JSON text, not URL-encoded). */
  trustPolicy: string;
  inlinePolicies: { name: string; document: string }[];
}

export interface IamInternal {
  /** A role of this account by name or ARN; undefined when there is none. */
  getRole(nameOrArn: string): IamRoleInfo | undefined;
  /**
   * Whether the role's inline policies allow `action` (e.g. `sqs:SendMessage`) on `resource`: an
   * explicit Deny wins, Conditions are not evaluated. False for a role that does not exist.
   */
  roleAllows(nameOrArn: string, action: string, resource: string): boolean;
  /** Whether the role's trust policy lets this service principal assume it. */
  roleTrusts(nameOrArn: string, servicePrincipal: string): boolean;
}

declare module '../../cloud.js' {
  interface InternalApis {
    iam: IamInternal;
  }
}
