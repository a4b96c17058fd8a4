import type { ModuleDef } from '../types.js';
import { ipAliasSchema, type IpAliasArgs } from './args.js';
import { ipAliasFacts } from './facts.js';
import { planIpAlias } from './plan.js';

/** An IPv4 alias on an interface: now (ifconfig) and at boot (ifconfig_IF_aliasN). */
export const ipAliasModule: ModuleDef<IpAliasArgs> = {
  name: 'ip_alias',
  schema: ipAliasSchema,
  facts: ipAliasFacts,
  plan: planIpAlias,
};

export type { IpAliasArgs };
