/** The fault matrix of a move by tar, on the source (old1): migrate-faults.ts. */
import { describeMoveFaults } from './migrate-faults.js';

await describeMoveFaults('tar', 'old1');
