/** The move's fault matrix on the destination (new1): migrate-faults.ts. */
import { describeMoveFaults } from './migrate-faults.js';

describeMoveFaults('new1');
