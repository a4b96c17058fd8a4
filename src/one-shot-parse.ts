/**
 * zod parse options for a value read once, at load time (config, inventory,
 * playbook). zod compiles a fast path (new Function) for each object schema
 * the first time it parses; that pays off for the per-host parses of a run,
 * not for a single parse of a file, where it cost `validate` ~10% of its
 * start-up (issue 17).
 */
export const ONE_SHOT = { jitless: true } as const;
