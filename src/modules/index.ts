/** What the engine and the CLI use from src/modules. */
export * from './types.js';
export { modules, moduleRegistry, type ModuleRegistry } from './registry.js';
export { PlanError } from './plan-error.js';
export { FactParseError } from './facts/fact-parse-error.js';
export { fileFact, type FileFact, type FileAttrs } from './facts/file-fact.js';
export { backupPath } from './file-edit/backup-path.js';
export { sysrcModule, type SysrcArgs, rcValueFact, type RcValue } from './sysrc/index.js';
export { lineModule, type LineArgs } from './line/index.js';
export { copyModule, type CopyArgs } from './copy/index.js';
export { directoryModule, type DirectoryArgs } from './directory/index.js';
export { sysctlModule, type SysctlArgs } from './sysctl/index.js';
export { serviceModule, type ServiceArgs } from './service/index.js';
