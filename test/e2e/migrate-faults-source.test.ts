/** The move's fault matrix on the source (old1): migrate-faults.ts. */
import { describeMoveFaults } from './migrate-faults.js';

describeMoveFaults('old1');
