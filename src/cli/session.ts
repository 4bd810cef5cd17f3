// The steps every provisioning command starts with: load the config, build instrumented SDK
// clients, check that something answers (and who we are), and derive the desired state.
import type { AwsClients } from '../aws/clients.js';
import { connect, type Identity } from '../aws/connectivity.js';
import { CallCounter } from '../aws/counter.js';
import { type FaasConfig, loadConfig } from '../config/load.js';
import { buildDesiredState } from '../pipeline/index.js';
import type { DesiredState } from '../pipeline/types.js';
import type { ProvisionContext } from '../provision/types.js';
import type { CommandDeps, GlobalOptions } from './deps.js';

export interface Session {
  config: FaasConfig;
  clients: AwsClients;
  counter: CallCounter;
  identity: Identity;
  ctx: ProvisionContext;
}

// Roughly a minute in all, which covers IAM's usual propagation delay for a new role.
const ROLE_RETRY = { attempts: 8, baseMs: 1_000, maxMs: 15_000 };

/** The configuration with the global flags and the environment laid over it. */
export function loadCommandConfig(options: GlobalOptions, deps: CommandDeps): Promise<FaasConfig> {
  return loadConfig({
    cwd: deps.cwd,
    configPath: options.config,
    flags: {
      project: options.project,
      target: options.target,
      region: options.region,
      profile: options.profile,
      endpoint: options.endpoint,
    },
    env: deps.env,
  });
}

export async function openSession(options: GlobalOptions, deps: CommandDeps): Promise<Session> {
  const config = await loadCommandConfig(options, deps);
  const counter = new CallCounter();
  const clients = deps.createClients(
    { target: config.target, region: config.region, profile: config.profile, endpoint: config.endpoint },
    counter,
  );
  const identity = await connect(clients, config);
  const ctx: ProvisionContext = {
    clients,
    project: config.project,
    account: { accountId: identity.accountId, region: identity.region, partition: identity.partition },
    clock: deps.clock,
    artifacts: new Map(),
    waitSeconds: deps.provision?.waitSeconds ?? 300,
    roleRetry: deps.provision?.roleRetry ?? ROLE_RETRY,
  };
  return { config, clients, counter, identity, ctx };
}

/**
 * The desired state. `databaseUrl` undefined leaves the db path out; `down` passes '' so that
 * everything faas may have created is found by name whatever is configured now.
 */
export const desiredState = (
  session: Session,
  ingestToken: string,
  databaseUrl?: string,
  allFlows = false,
): DesiredState =>
  buildDesiredState({
    config: session.config,
    account: session.ctx.account,
    secrets: { ingestToken, ...(databaseUrl === undefined ? {} : { databaseUrl }) },
    allFlows,
  });

/** `target local (http://127.0.0.1:4566), region us-east-1, account 000000000000`. */
export const describeTarget = (s: Session): string =>
  `target ${s.config.target}${s.config.endpoint ? ` (${s.config.endpoint})` : ''}, ` +
  `region ${s.identity.region}, account ${s.identity.accountId}`;
