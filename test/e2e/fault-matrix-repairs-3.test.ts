/** The fault matrix over the drift matrix's repairs, share 3 of 4 (fault-repairs.ts). */
import { describeRepairFaults } from './fault-repairs.js';

await describeRepairFaults(2, 4);
