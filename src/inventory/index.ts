export { loadInventory, parseInventory } from './load-inventory.js';
export { connectionOf } from './connection.js';
export { resolvePattern, unmatchedPatterns } from './pattern.js';
export type { Connection, HostKeyChecking, Inventory, InventoryGroup, InventoryHost, TransportKind } from './types.js';
