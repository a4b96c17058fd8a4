/** The fault matrix of a move by tar, on the destination (new1): migrate-faults.ts. */
import { describeMoveFaults } from './migrate-faults.js';

await describeMoveFaults('tar', 'new1');
