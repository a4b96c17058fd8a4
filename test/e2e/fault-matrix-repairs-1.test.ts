/** The fault matrix over the drift matrix's repairs, share 1 of 4 (fault-repairs.ts). */
import { describeRepairFaults } from './fault-repairs.js';

await describeRepairFaults(0, 4);
