import { z } from 'zod';

export const LOG_LEVELS = ['error', 'warn', 'info', 'verbose', 'debug', 'silly'] as const;

const positiveInt = z.number().int().min(1);

/** Keys users may set; everything has a default except the optional paths. */
export const configSchema = z.strictObject({
  inventory: z.string().min(1).optional(),
  forks: positiveInt.default(25),
  connectTimeoutMs: positiveInt.default(10_000),
  commandTimeoutMs: positiveInt.default(300_000),
  /** Seconds an apply waits for another jailfleet run's lock on a host (lockf -t). */
  lockTimeoutS: z.number().int().min(0).default(60),
  hostKeyChecking: z.enum(['strict', 'accept-new']).default('strict'),
  knownHosts: z.string().min(1).optional(),
  logLevel: z.enum(LOG_LEVELS).default('info'),
  logFile: z.string().min(1).optional(),
  stateDir: z.string().min(1).default('.jailfleet'),
});

export type JailfleetConfig = z.output<typeof configSchema> & {
  /** The config file that was loaded, when one was found. */
  filepath?: string;
};

/** Keys holding paths, resolved against the config file's directory. */
export const PATH_KEYS = ['inventory', 'knownHosts', 'logFile', 'stateDir'] as const;
