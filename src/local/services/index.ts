// The services the local cloud runs: one registration line each.

import type { ServiceFactory } from '../service.js';
import { apiGatewayService } from './apigateway/index.js';
import { eventsService } from './events/index.js';
import { iamService } from './iam/index.js';
import { lambdaService } from './lambda/index.js';
import { logsService } from './logs/index.js';
import { s3Service } from './s3/index.js';
import { sqsService } from './sqs/index.js';
import { ssmService } from './ssm/index.js';
import { stsService } from './sts/index.js';

export const serviceFactories: ServiceFactory[] = [
  apiGatewayService,
  stsService,
  iamService,
  logsService,
  eventsService,
  lambdaService,
  s3Service,
  ssmService,
  sqsService,
];
