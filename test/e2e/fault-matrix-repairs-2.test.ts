/** The fault matrix over the drift matrix's repairs, share 2 of 4 (fault-repairs.ts). */
import { describeRepairFaults } from './fault-repairs.js';

await describeRepairFaults(1, 4);
