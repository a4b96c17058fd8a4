/** The fault matrix of a machine move, on the destination (new1): migrate-faults-machine.ts. */
import { describeMachineFaults } from './migrate-faults-machine.js';

await describeMachineFaults('new1');
