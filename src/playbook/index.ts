export { loadPlaybook, parsePlaybook, readPlaybook, type PlaybookReading } from './load-playbook.js';
export type { ModuleRegistry, ModuleSchemaEntry } from './module-registry.js';
export { render, templateVarsUsed, hasTemplate, evaluateWhen, TemplateError } from './template.js';
export { conditionVarsUsed } from './when.js';
export { validatePlaybook, renderTaskArgs, playVars } from './validate.js';
export type { PlayDef, Playbook, TaskDef } from './types.js';
