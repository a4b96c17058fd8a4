/** The fault matrix of a move by zfs, on the source (old1): migrate-faults.ts. */
import { describeMoveFaults } from './migrate-faults.js';

await describeMoveFaults('zfs', 'old1');
