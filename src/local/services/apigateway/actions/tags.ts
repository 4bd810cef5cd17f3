// Resolves a tag-able API Gateway ARN (`arn:aws:apigateway:<region>::/apis/<id>[/stages/<name>]`).

import { AwsServiceError } from '../../../errors.js';
import type { ApiGatewayState } from '../state.js';

export function tagTarget(
  state: ApiGatewayState,
  arn: string | undefined,
): { apiId: string; stage?: string } {
  const m = /^arn:aws:apigateway:[^:]*::\/apis\/([^/]+)(?:\/stages\/([^/]+))?$/.exec(arn ?? '');
  if (!m) throw new AwsServiceError('BadRequestException', `Invalid resource ARN: ${arn ?? ''}`, 400);
  if (m[2]) state.requireChild(m[1], 'stages', m[2]);
  else state.requireApi(m[1]);
  return { apiId: m[1], stage: m[2] };
}
