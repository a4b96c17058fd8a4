/** The fault matrix of a move by zfs, on the destination (new1): migrate-faults.ts. */
import { describeMoveFaults } from './migrate-faults.js';

await describeMoveFaults('zfs', 'new1');
