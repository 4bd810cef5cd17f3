// The contract of one target kind: which ARNs it serves and how it hands one event over. A kind
// resolves once the event is durably in the receiving service and rejects with AwsServiceError.

import type { Target } from '@aws-sdk/client-eventbridge';
import type { Cloud } from '../../../cloud.js';
import type { EventEnvelope } from '../envelope.js';

export interface TargetDelivery {
  cloud: Cloud;
  /** The target's ARN. */
  arn: string;
  /** The rule's target with its per-kind parameters (SqsParameters…); absent for a dead-letter queue. */
  target?: Target;
  /** The payload after Input/InputPath/InputTransformer. */
  input: string;
  /** The event itself (bus-to-bus targets forward it unchanged). */
  event: EventEnvelope;
  ruleArn: string;
  /** Puts the event onto another bus, durably (resolves once that bus accepted it). */
  forward(busArn: string, event: EventEnvelope): Promise<void>;
}

export interface TargetKind {
  readonly name: string;
  accepts(arn: string): boolean;
  deliver(delivery: TargetDelivery): Promise<void>;
}
