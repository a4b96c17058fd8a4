export { loadConfig, validateConfig, SEARCH_PLACES } from './load-config.js';
export type { JailfleetConfig } from './config-schema.js';
