import type { SourcePos } from '../errors.js';

export type TransportKind = 'ssh' | 'sim';
export type HostKeyChecking = 'strict' | 'accept-new';

export interface InventoryHost {
  name: string;
  /** Merged variables: all < parent group < child group < host. */
  vars: Record<string, unknown>;
  /** Every group the host belongs to, directly or through children, plus "all". */
  groups: string[];
  pos: SourcePos;
  /** Where each merged variable's winning value is written (for errors about it). */
  varPos?: Record<string, SourcePos>;
}

export interface InventoryGroup {
  name: string;
  /** Hosts listed directly under this group. */
  hosts: string[];
  children: string[];
  vars: Record<string, unknown>;
  pos: SourcePos;
  /** Where each of this group's own variables is written. */
  varPos?: Record<string, SourcePos>;
  /** Longest path from "all" (all = 0); deeper groups' vars win. */
  depth?: number;
}

export interface Inventory {
  file: string;
  /** In file order. */
  hosts: Map<string, InventoryHost>;
  groups: Map<string, InventoryGroup>;
}

/** How to reach a host, from its ssh_* / ansible_* variables. */
export interface Connection {
  transport: TransportKind;
  /** Address or name to connect to (ssh_host; default: inventory name). */
  address: string;
  port?: number;
  user?: string;
  /** Private key file (ssh_key / ansible_ssh_private_key_file). */
  key?: string;
  knownHosts?: string;
  hostKeyChecking: HostKeyChecking;
  become?: 'sudo' | 'doas';
}
