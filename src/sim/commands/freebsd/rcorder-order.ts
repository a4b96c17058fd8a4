/**
 * The ordering of rcorder(8), ported from sbin/rcorder/rcorder.c
 * (freebsd/freebsd-src @51f5475, the 2020 version with sequences and -p that
 * FreeBSD 13 and 14 ship): the same lists built in the same (prepending)
 * order, the same depth-first walk from the last file given, BEFORE turned
 * into fake provisions, each file's sequence one more than the highest of
 * its requirements, then qsort(3) by sequence. Left out: -g (graphviz).
 */
import { ContentLru } from '../../../content-lru.js';
import { bsdQsort } from './bsd-qsort.js';

interface Head {
  inProgress: boolean;
  sequence: number;
  /** Files still providing it, most recently added first (provnode list). */
  providers: FileNode[];
}

/** A Hash_Entry of provide_hash: a required name nobody provides has no head. */
interface Entry {
  key: string;
  head: Head | null;
}

interface FileNode {
  filename: string;
  /** fn_head's doubly linked list, unlinked by do_file without clearing these (see unlink). */
  next: FileNode | null;
  last: FileNode | null;
  inProgress: boolean;
  reqs: Entry[];
  provs: Entry[];
  keywords: string[];
  issues: number;
  sequence: number;
}

interface Stack {
  node: FileNode;
  next: Stack | undefined;
}

export interface RcorderInput {
  /** Each file operand, and its text (undefined: not a regular file, skipped without a word). */
  files: Array<{ name: string; text: string | undefined }>;
  keep: string[];
  skip: string[];
  parallel: boolean;
}

const HEADER_LINES: Array<[prefix: string, kind: 'req' | 'prov' | 'before' | 'key']> = [
  ['# REQUIRE:', 'req'],
  ['# REQUIRES:', 'req'],
  ['# PROVIDE:', 'prov'],
  ['# PROVIDES:', 'prov'],
  ['# BEFORE:', 'before'],
  ['# KEYWORD:', 'key'],
  ['# KEYWORDS:', 'key'],
];

/** fparseln(3) with `\` as escape and continuation character and no comment character. */
function logicalLines(text: string): string[] {
  const out: string[] = [];
  let pending = '';
  for (const line of text.split('\n')) {
    const trailing = /\\*$/.exec(line)![0].length;
    if (trailing % 2 === 1) {
      pending += line.slice(0, -1);
      continue;
    }
    out.push(pending + line);
    pending = '';
  }
  if (pending) out.push(pending);
  return out;
}

const words = (s: string): string[] => s.split(/[ \t\n]/).filter(Boolean);

class Rcorder {
  private readonly hash = new Map<string, Entry>();
  /** fn_head: filenode_new prepends, so the last file given comes first. */
  private readonly fnHead: FileNode = Rcorder.fileNode('');
  private befores: Array<{ node: FileNode; name: string }> = [];
  private readonly done: Array<FileNode | null> = [];
  private fakeCount = 0;
  private maxSequence = 0;
  readonly warnings: string[] = [];
  exitCode = 0;

  constructor(private readonly input: RcorderInput) {}

  private entry(name: string): { entry: Entry; isNew: boolean } {
    const found = this.hash.get(name);
    if (found) return { entry: found, isNew: false };
    const entry: Entry = { key: name, head: null };
    this.hash.set(name, entry);
    return { entry, isNew: true };
  }

  private provide(node: FileNode, entry: Entry): void {
    entry.head ??= { inProgress: false, sequence: 0, providers: [] };
    entry.head.providers.unshift(node);
    node.provs.unshift(entry);
  }

  private static fileNode(filename: string): FileNode {
    return { filename, next: null, last: null, inProgress: false, reqs: [], provs: [], keywords: [], issues: 0, sequence: 0 };
  }

  private crunch(filename: string, text: string): void {
    const node = Rcorder.fileNode(filename);
    node.next = this.fnHead.next;
    if (node.next) node.next.last = node;
    node.last = this.fnHead;
    this.fnHead.next = node;
    let parsing = false;
    for (const line of logicalLines(text)) {
      const kind = HEADER_LINES.find(([prefix]) => line.startsWith(prefix));
      if (!kind) {
        // The block is one run of header lines: the first other line after it ends parsing.
        if (parsing) break;
        continue;
      }
      parsing = true;
      for (const w of words(line.slice(kind[0].length))) {
        if (kind[1] === 'req') node.reqs.unshift(this.entry(w).entry);
        else if (kind[1] === 'prov') this.provide(node, this.entry(w).entry);
        else if (kind[1] === 'before') this.befores.unshift({ node, name: w });
        else node.keywords.push(w);
      }
    }
  }

  /** BEFORE: X in F becomes a fake provision of F that every provider of X requires. */
  private insertBefore(): void {
    for (const { node, name } of this.befores) {
      // make_fake_provision: the next fake_prov_%08d name not yet in the hash. Its head's
      // sequence is left uninitialised there (emalloc); 0 here, which a done provider raises.
      let fake: { entry: Entry; isNew: boolean };
      do fake = this.entry(`fake_prov_${String(this.fakeCount++).padStart(8, '0')}`);
      while (!fake.isNew);
      this.provide(node, fake.entry);
      const { entry, isNew } = this.entry(name);
      if (isNew) this.warn(`file \`${node.filename}' is before unknown provision \`${name}'`);
      for (const p of entry.head?.providers ?? []) p.reqs.unshift(fake.entry);
    }
    this.befores = [];
  }

  private warn(message: string): void {
    this.warnings.push(`rcorder: ${message}\n`);
  }

  /** generate_loop_for_req: the chain of files from where the loop starts to `node`. */
  private loopFor(stack: Stack | undefined, head: Head, node: FileNode): string | undefined {
    for (const provider of head.providers) {
      const chain: FileNode[] = [];
      for (let s = stack; s; s = s.next) {
        chain.push(s.node);
        if (s.node !== provider) continue;
        node.issues++;
        for (const n of chain) n.issues++;
        return [...chain.reverse(), node, provider].map((n) => n.filename).join(' -> ');
      }
    }
    return undefined;
  }

  private satisfy(entry: Entry, node: FileNode, stack: Stack | undefined): void {
    const head = entry.head;
    if (!head) {
      this.warn(`requirement \`${entry.key}' in file \`${node.filename}' has no providers.`);
      this.exitCode = 1;
      return;
    }
    if (head.providers.length === 0) return;
    if (head.inProgress) {
      this.exitCode = 1;
      const loop = this.loopFor(stack, head, node);
      if (loop === undefined) this.warn(`Circular dependency on provision \`${entry.key}' in file \`${node.filename}' (tracing has failed).`);
      else this.warn(`Circular dependency on provision \`${entry.key}': ${loop}.`);
      return;
    }
    head.inProgress = true;
    const item: Stack = { node, next: stack };
    while (head.providers.length) this.doFile(head.providers[0]!, item);
  }

  private doFile(node: FileNode, stack: Stack | undefined): void {
    const wasSet = node.inProgress;
    if (wasSet) {
      this.warn(`Circular dependency on file \`${node.filename}'.`);
      this.exitCode = 1;
    }
    node.inProgress = true;
    node.sequence = 0;
    for (const r of node.reqs) {
      this.satisfy(r, node, stack);
      if (r.head && r.head.sequence > node.sequence) node.sequence = r.head.sequence;
    }
    node.reqs = [];
    node.sequence++;
    // A file seen in a loop goes to the end.
    if (node.issues) node.sequence = this.maxSequence + 1;
    this.maxSequence = Math.max(this.maxSequence, node.sequence);
    for (const p of node.provs) {
      const head = p.head!;
      if (head.sequence < node.sequence) head.sequence = node.sequence;
      head.providers.splice(head.providers.indexOf(node), 1);
    }
    node.provs = [];
    if (!wasSet && this.skipOk(node) && this.keepOk(node)) this.done.push(node);
    // As rcorder.c: a file met again in a loop is unlinked twice, and the stale
    // pointers of the second unlink can put a done file back at the head.
    if (node.next) node.next.last = node.last;
    if (node.last) node.last.next = node.next;
    if (node.issues) this.warn(`\`${node.filename}' was seen in circular dependencies for ${node.issues} times.`);
  }

  private skipOk(node: FileNode): boolean {
    return !this.input.skip.some((s) => node.keywords.includes(s));
  }

  private keepOk(node: FileNode): boolean {
    return this.input.keep.length === 0 || this.input.keep.some((k) => node.keywords.includes(k));
  }

  run(): string {
    for (const f of this.input.files) if (f.text !== undefined) this.crunch(f.name, f.text);
    this.insertBefore();
    while (this.fnHead.next) this.doFile(this.fnHead.next, undefined);
    // seqlist has a slot per file operand; the empty ones sort last.
    const slots: Array<FileNode | null> = [...this.done];
    while (slots.length < this.input.files.length) slots.push(null);
    bsdQsort(slots, (a, b) => (a === null || b === null ? (a === null ? 1 : 0) - (b === null ? 1 : 0) : Math.sign(a.sequence - b.sequence)));
    let out = '';
    let last = 0;
    for (const node of slots) {
      if (!node) break;
      out += last === 0 ? '' : !this.input.parallel || last !== node.sequence ? '\n' : ' ';
      out += node.filename;
      last = node.sequence;
    }
    return last ? `${out}\n` : out;
  }
}

export interface RcorderResult {
  stdout: string;
  warnings: readonly string[];
  code: number;
}

/**
 * By the whole input: every jail's /etc/rc orders the same stock rc.d
 * scripts, and the order is a function of their names, texts and the
 * options alone.
 */
const orders = new ContentLru<RcorderResult>(64);

/** rcorder's output, its warnings (each "rcorder: ...\n") and its exit status. */
export function rcorderOrder(input: RcorderInput): RcorderResult {
  return orders.get(JSON.stringify(input), () => {
    const r = new Rcorder(input);
    const stdout = r.run();
    return { stdout, warnings: r.warnings, code: r.exitCode };
  });
}
