/** The fault matrix of a machine move, on the source (old2): migrate-faults-machine.ts. */
import { describeMachineFaults } from './migrate-faults-machine.js';

await describeMachineFaults('old2');
