// FakeAws: one in-memory account behind fake SDK clients for every service faas uses, with
// fault injection (fail a command N times) and the Lambda role-propagation quirk.
import type { AwsClients } from '../../../src/aws/clients.js';
import { apigwHandlers, type FakeApi } from './apigw.js';
import { FakeClient, type Fault } from './core.js';
import { eventsHandlers, type FakeBus, type FakeRule } from './events.js';
import { type FakeRole, iamHandlers } from './iam.js';
import { type FakeFunction, type FakeMapping, type LambdaBehaviour, lambdaHandlers } from './lambda.js';
import { type FakeLogGroup, logsHandlers } from './logs.js';
import { type FakeBucket, s3Handlers } from './s3.js';
import { type FakeQueue, sqsHandlers } from './sqs.js';
import { type FakeParameter, ssmHandlers } from './ssm.js';

export class FakeAws {
  readonly roles = new Map<string, FakeRole>();
  readonly logGroups = new Map<string, FakeLogGroup>();
  readonly buses = new Map<string, FakeBus>();
  readonly rules = new Map<string, FakeRule>();
  readonly buckets = new Map<string, FakeBucket>();
  readonly functions = new Map<string, FakeFunction>();
  readonly apis = new Map<string, FakeApi>();
  readonly parameters = new Map<string, FakeParameter>();
  readonly queues = new Map<string, FakeQueue>();
  readonly mappings = new Map<string, FakeMapping>();
  readonly lambda: LambdaBehaviour = { roleNotAssumable: 0 };
  readonly faults: Fault[] = [];
  /** Every command answered (or refused by a fault), in order. */
  readonly log: string[] = [];

  constructor(
    readonly account = '123456789012',
    readonly region = 'eu-west-1',
  ) {}

  /** Fresh clients over the same model (each `up` builds its own, like the real factory). */
  clients(): AwsClients {
    const make = (service: string, handlers: ConstructorParameters<typeof FakeClient>[1]) =>
      new FakeClient(service, handlers, this.region, this.faults, this.log);
    const clients = {
      sts: make('sts', {
        GetCallerIdentity: () => ({
          Account: this.account,
          Arn: `arn:aws:iam::${this.account}:user/tester`,
          UserId: 'AID',
        }),
      }),
      iam: make('iam', iamHandlers(this.roles, this.account)),
      s3: make('s3', s3Handlers(this.buckets, this.region)),
      events: make('events', eventsHandlers(this.buses, this.rules, this.region, this.account)),
      lambda: make(
        'lambda',
        lambdaHandlers(this.functions, this.lambda, this.region, this.account, this.mappings),
      ),
      logs: make('logs', logsHandlers(this.logGroups, this.region, this.account)),
      apigw: make('apigw', apigwHandlers(this.apis, this.region)),
      ssm: make('ssm', ssmHandlers(this.parameters, this.region, this.account)),
      sqs: make('sqs', sqsHandlers(this.queues, this.region, this.account)),
    };
    return clients as unknown as AwsClients;
  }

  /** Makes the next `times` calls of `command` (e.g. 'CreateRouteCommand') throw. */
  fail(command: string, error: () => Error, times = 1): void {
    this.faults.push({ command, remaining: times, error });
  }

  /** Number of resources of every kind still present. */
  resourceCount(): number {
    return (
      this.roles.size +
      this.logGroups.size +
      this.buses.size +
      this.rules.size +
      this.buckets.size +
      this.functions.size +
      this.apis.size +
      this.parameters.size +
      this.queues.size +
      this.mappings.size
    );
  }
}
