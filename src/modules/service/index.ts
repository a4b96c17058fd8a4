import type { ModuleDef } from '../types.js';
import { serviceSchema, type ServiceArgs } from './args.js';
import { serviceFacts } from './facts.js';
import { planService } from './plan.js';

/** An rc.d service: enabled in rc.conf, and running or not. */
export const serviceModule: ModuleDef<ServiceArgs> = {
  name: 'service',
  schema: serviceSchema,
  facts: serviceFacts,
  plan: planService,
};

export type { ServiceArgs };
