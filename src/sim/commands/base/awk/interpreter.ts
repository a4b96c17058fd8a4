/**
 * Runs a parsed awk program as contrib/one-true-awk/run.c does: BEGIN, then
 * each record of the operands (files, `-` for stdin, var=value assignments
 * done when reached) through the rules, then END; `exit` in BEGIN skips the
 * input and END. Output files and pipes live in the simulated host.
 */
import { SimFsError } from '../../../fs.js';
import type { RunOptions, SimCommandContext } from '../../../types.js';
import { hostPath } from '../util.js';
import { AwkArray } from './array.js';
import type { Expr, LValue, Program, Redirect, Stmt } from './ast.js';
import { substitute, substr } from './builtins.js';
import { AwkFormatError, sprintfC } from './format.js';
import { unescape } from './lexer.js';
import { AwkRegexError, awkRegex, splitFields, splitRecords, splitString } from './records.js';
import { UNINIT, fromInput, isNumeric, numToStr, toNum, toStr, truthy, type Val } from './value.js';

/** A fatal run-time error: FATAL() in lib.c. */
export class AwkFatal extends Error {}

const NORMAL = 0;
const BREAK = 1;
const CONTINUE = 2;
const NEXT = 3;
const EXIT = 4;
const RETURN = 5;
const NEXTFILE = 6;

interface Source {
  records: string[];
  pos: number;
}

/** An argument passed as a bare name not yet used: an array if the function makes it one. */
class LazyArg {
  readonly arr = new AwkArray();
  used = false;
}

type Slot = Val | AwkArray | LazyArg;
type Ref = { k: 'var'; name: string } | { k: 'field'; i: number } | { k: 'index'; arr: AwkArray; key: string };

const CLVAR = /^([A-Za-z_][A-Za-z0-9_]*)=([\s\S]*)$/;

export interface AwkRun {
  prog: Program;
  /** ARGV[1..]: files and var=value operands. */
  operands: string[];
  /** -v assignments, in order. */
  assigns: string[];
  fs: string | undefined;
  /** lex.c's lineno after parsing: the "source line number" before any statement ran. */
  lastLine: number;
}

export class Interpreter {
  out = '';
  err = '';
  private readonly globals = new Map<string, Val>();
  private readonly arrays = new Map<string, AwkArray>();
  private readonly frames: Map<string, Slot>[] = [];
  private record: Val = '';
  private fields: Val[] | null = [];
  private nf = 0;
  private splitFS = ' ';
  private line: number;
  private exitCode = 0;
  private retVal: Val = UNINIT;
  private readonly active: boolean[];
  private argIndex = 1;
  private started = false;
  private hasFiles = false;
  private mainDone = false;
  private cur: Source | null = null;
  private stdin: Source | undefined;
  private readonly inFiles = new Map<string, Source>();
  private readonly inCmds = new Map<string, Source>();
  private readonly outFiles = new Map<string, { path: string; content: string }>();
  private readonly outPipes = new Map<string, string>();
  private seed = 1;
  private randState = 1;

  constructor(
    private readonly ctx: SimCommandContext,
    private readonly run: AwkRun,
  ) {
    this.line = run.lastLine;
    this.active = run.prog.rules.map(() => false);
    const g = this.globals;
    for (const [k, v] of [['FS', ' '], ['OFS', ' '], ['ORS', '\n'], ['RS', '\n'], ['SUBSEP', '\x1c'], ['CONVFMT', '%.6g'], ['OFMT', '%.6g'], ['FILENAME', '']] as const) g.set(k, v);
    for (const [k, v] of [['NR', 0], ['FNR', 0], ['RSTART', 0], ['RLENGTH', -1]] as const) g.set(k, v);
    const argv = new AwkArray();
    argv.set('0', 'awk');
    run.operands.forEach((a, i) => argv.set(String(i + 1), fromInput(a)));
    this.arrays.set('ARGV', argv);
    g.set('ARGC', run.operands.length + 1);
    const environ = new AwkArray();
    for (const [k, v] of Object.entries(ctx.env)) environ.set(k, fromInput(v));
    this.arrays.set('ENVIRON', environ);
  }

  /** Runs the program; the exit status (2 after a fatal error). */
  execute(): number {
    try {
      for (const a of this.run.assigns) this.assignOperand(a);
      if (this.run.fs !== undefined) this.globals.set('FS', unescape(this.run.fs));
      this.main();
      return this.exitCode;
    } catch (err) {
      if (err instanceof AwkFatal || err instanceof AwkRegexError) {
        this.fatalText(err.message);
        return 2;
      }
      if (err instanceof RangeError) {
        this.fatalText('function call nesting too deep');
        return 2;
      }
      throw err;
    } finally {
      this.closeAll();
    }
  }

  private fatalText(msg: string): void {
    let s = `awk: ${msg}\n`;
    if (toNum(this.getVar('NR')) > 0) {
      s += ` input record number ${Math.trunc(toNum(this.getVar('FNR')))}`;
      const file = this.str('FILENAME');
      if (file !== '-') s += `, file ${file}`;
      s += '\n';
    }
    this.err += `${s} source line number ${this.line}\n`;
  }

  private main(): void {
    const { begin, rules, end } = this.run.prog;
    if (this.execList(begin) === EXIT) return;
    if (rules.length === 0 && end.length === 0) return;
    for (;;) {
      const rec = this.nextMainRecord();
      if (rec === null) break;
      this.bump();
      this.setRecordFromInput(rec);
      const r = this.runRules();
      if (r === EXIT) break;
      if (r === NEXTFILE) this.nextFile();
    }
    this.execList(end);
  }

  private runRules(): number {
    const rules = this.run.prog.rules;
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i]!;
      let matched: boolean;
      if (!rule.pattern) matched = true;
      else if (!rule.end) matched = truthy(this.eval(rule.pattern));
      else if (this.active[i]) {
        matched = true;
        if (truthy(this.eval(rule.end))) this.active[i] = false;
      } else if (truthy(this.eval(rule.pattern))) {
        matched = true;
        this.active[i] = !truthy(this.eval(rule.end));
      } else matched = false;
      if (!matched) continue;
      if (!rule.body) {
        this.out += toStr(this.record, this.str('CONVFMT')) + this.str('ORS');
        continue;
      }
      const r = this.execList(rule.body);
      if (r === NEXT) return NORMAL;
      if (r === EXIT || r === NEXTFILE) return r;
    }
    return NORMAL;
  }

  private bump(): void {
    this.globals.set('NR', toNum(this.getVar('NR')) + 1);
    this.globals.set('FNR', toNum(this.getVar('FNR')) + 1);
  }

  // ---- input -------------------------------------------------------------

  private stdinSource(): Source {
    this.stdin ??= { records: splitRecords(this.ctx.stdin, this.str('RS')), pos: 0 };
    return this.stdin;
  }

  private argv(i: number): string | undefined {
    const v = this.arrays.get('ARGV')?.get(String(i));
    return v === undefined ? undefined : toStr(v, this.str('CONVFMT'));
  }

  private assignOperand(a: string): void {
    const m = CLVAR.exec(a)!;
    this.setVar(m[1]!, fromInput(unescape(m[2]!)));
  }

  /** getrec(): the next record of the operands, or null at the end of the last. */
  private nextMainRecord(): string | null {
    if (!this.started) {
      this.started = true;
      const argc = toNum(this.getVar('ARGC'));
      for (let i = 1; i < argc; i++) {
        const a = this.argv(i);
        if (a !== undefined && a !== '' && !CLVAR.test(a)) {
          this.hasFiles = true;
          break;
        }
      }
      if (!this.hasFiles) {
        for (let i = 1; i < argc; i++) {
          const a = this.argv(i);
          if (a) this.assignOperand(a);
        }
        this.cur = this.stdinSource();
      }
    }
    for (;;) {
      if (this.mainDone) return null;
      const cur = this.cur;
      if (cur && cur.pos < cur.records.length) return cur.records[cur.pos++]!;
      if (cur || !this.hasFiles) {
        this.nextFile();
        continue;
      }
      if (this.argIndex >= toNum(this.getVar('ARGC'))) {
        this.mainDone = true;
        return null;
      }
      const a = this.argv(this.argIndex);
      if (a === undefined || a === '') {
        this.argIndex++;
        continue;
      }
      if (CLVAR.test(a)) {
        this.assignOperand(a);
        this.argIndex++;
        continue;
      }
      this.globals.set('FILENAME', a);
      this.cur = a === '-' || a === '/dev/stdin' ? this.stdinSource() : this.openInput(a);
      if (!this.cur) throw new AwkFatal(`can't open file ${a}`);
      this.globals.set('FNR', 0);
    }
  }

  private nextFile(): void {
    if (!this.hasFiles) {
      this.mainDone = true;
      return;
    }
    this.cur = null;
    this.argIndex++;
  }

  private openInput(name: string): Source | null {
    this.flushFile(name);
    if (name === '/dev/null') return { records: [], pos: 0 };
    try {
      return { records: splitRecords(this.ctx.host.fs.readFile(hostPath(this.ctx, name)), this.str('RS')), pos: 0 };
    } catch (err) {
      if (err instanceof SimFsError) return null;
      throw err;
    }
  }

  private runOptions(): RunOptions {
    return { cwd: this.ctx.cwd, env: this.ctx.env, root: this.ctx.root, ...(this.ctx.jail ? { jail: this.ctx.jail } : {}) };
  }

  private getline(e: Extract<Expr, { k: 'getline' }>): number {
    if (e.from === 'main') {
      const rec = this.nextMainRecord();
      if (rec === null) return 0;
      this.bump();
      if (e.target) this.setLV(e.target, fromInput(rec));
      else this.setRecordFromInput(rec);
      return 1;
    }
    const name = toStr(this.eval(e.e!), this.str('CONVFMT'));
    if (name === '') throw new AwkFatal('null file name in print or getline');
    let src: Source | null | undefined;
    if (e.from === 'file') {
      src = this.inFiles.get(name);
      if (!src) {
        src = name === '-' || name === '/dev/stdin' ? this.stdinSource() : this.openInput(name);
        if (!src) return -1;
        this.inFiles.set(name, src);
      }
    } else {
      src = this.inCmds.get(name);
      if (!src) {
        this.flushAll();
        const r = this.ctx.run(name, this.runOptions());
        this.err += r.stderr;
        src = { records: splitRecords(r.stdout, this.str('RS')), pos: 0 };
        this.inCmds.set(name, src);
      }
    }
    if (src.pos >= src.records.length) return 0;
    const rec = src.records[src.pos++]!;
    if (e.target) this.setLV(e.target, fromInput(rec));
    else this.setRecordFromInput(rec);
    return 1;
  }

  // ---- output ------------------------------------------------------------

  private write(text: string, redir: Redirect | undefined): void {
    if (!redir) {
      this.out += text;
      return;
    }
    const name = toStr(this.eval(redir.e), this.str('CONVFMT'));
    if (name === '') throw new AwkFatal('null file name in print or getline');
    if (redir.mode === '|') {
      this.outPipes.set(name, (this.outPipes.get(name) ?? '') + text);
      return;
    }
    if (name === '/dev/stdout') {
      this.out += text;
      return;
    }
    if (name === '/dev/stderr') {
      this.err += text;
      return;
    }
    if (name === '/dev/null') return;
    let file = this.outFiles.get(name);
    if (!file) {
      const path = hostPath(this.ctx, name);
      const fs = this.ctx.host.fs;
      try {
        const before = redir.mode === '>>' && fs.exists(path) ? fs.readFile(path) : '';
        fs.writeFile(path, before);
        file = { path, content: before };
      } catch (err) {
        if (err instanceof SimFsError) throw new AwkFatal(`can't open file ${name}`);
        throw err;
      }
      this.outFiles.set(name, file);
    }
    file.content += text;
  }

  private flushFile(name: string): void {
    const f = this.outFiles.get(name);
    if (f) this.ctx.host.fs.writeFile(f.path, f.content);
  }

  private flushAll(): void {
    for (const name of this.outFiles.keys()) this.flushFile(name);
  }

  private runPipe(cmd: string): number {
    const input = this.outPipes.get(cmd) ?? '';
    this.outPipes.delete(cmd);
    this.flushAll();
    const r = this.ctx.run(cmd, { ...this.runOptions(), stdin: input });
    this.out += r.stdout;
    this.err += r.stderr;
    return r.code;
  }

  private close(name: string): number {
    let found = false;
    if (this.outFiles.has(name)) {
      this.flushFile(name);
      this.outFiles.delete(name);
      found = true;
    }
    found = this.inFiles.delete(name) || found;
    found = this.inCmds.delete(name) || found;
    if (this.outPipes.has(name)) return this.runPipe(name);
    return found ? 0 : -1;
  }

  private closeAll(): void {
    this.flushAll();
    for (const cmd of [...this.outPipes.keys()]) this.runPipe(cmd);
  }

  // ---- variables and fields ----------------------------------------------

  private str(name: string): string {
    return toStr(this.globals.get(name) ?? UNINIT, '%.6g');
  }

  private frameSlot(name: string): Slot | undefined {
    const f = this.frames[this.frames.length - 1];
    return f?.get(name);
  }

  private getVar(name: string): Val {
    const slot = this.frameSlot(name);
    if (slot !== undefined) {
      if (slot instanceof AwkArray) throw new AwkFatal(`can't read value of ${name}; it's an array name.`);
      if (slot instanceof LazyArg) {
        this.frames[this.frames.length - 1]!.set(name, UNINIT);
        return UNINIT;
      }
      return slot;
    }
    if (name === 'NF') {
      this.ensureFields();
      return this.nf;
    }
    if (this.arrays.has(name)) throw new AwkFatal(`can't read value of ${name}; it's an array name.`);
    return this.globals.get(name) ?? UNINIT;
  }

  private setVar(name: string, v: Val): void {
    const f = this.frames[this.frames.length - 1];
    const slot = f?.get(name);
    if (slot !== undefined) {
      if (slot instanceof AwkArray) throw new AwkFatal(`can't assign to ${name}; it's an array name.`);
      f!.set(name, v);
      return;
    }
    if (name === 'NF') {
      this.setNF(toNum(v));
      return;
    }
    if (this.arrays.has(name)) throw new AwkFatal(`can't assign to ${name}; it's an array name.`);
    this.globals.set(name, v);
  }

  private isArrayName(name: string): boolean {
    const slot = this.frameSlot(name);
    if (slot !== undefined) return slot instanceof AwkArray || (slot instanceof LazyArg && slot.used);
    return this.arrays.has(name);
  }

  private getArray(name: string): AwkArray {
    const f = this.frames[this.frames.length - 1];
    const slot = f?.get(name);
    if (slot !== undefined) {
      if (slot instanceof AwkArray) return slot;
      if (slot instanceof LazyArg) {
        slot.used = true;
        return slot.arr;
      }
      if (slot !== UNINIT) throw new AwkFatal(`can't use ${name} as an array; it's a scalar.`);
      const arr = new AwkArray();
      f!.set(name, arr);
      return arr;
    }
    let arr = this.arrays.get(name);
    if (!arr) {
      const v = this.globals.get(name);
      if (v !== undefined && v !== UNINIT) throw new AwkFatal(`can't use ${name} as an array; it's a scalar.`);
      arr = new AwkArray();
      this.arrays.set(name, arr);
    }
    return arr;
  }

  private setRecordFromInput(text: string): void {
    this.record = fromInput(text);
    this.fields = null;
    this.splitFS = this.str('FS');
  }

  private ensureFields(): void {
    if (this.fields) return;
    const parts = splitFields(toStr(this.record, '%.6g'), this.splitFS, this.str('RS') === '');
    const fields: Val[] = [''];
    for (const p of parts) fields.push(fromInput(p));
    this.fields = fields;
    this.nf = parts.length;
  }

  private getField(i: number): Val {
    if (i < 0) throw new AwkFatal(`trying to access out of range field ${i}`);
    if (i === 0) return this.record;
    this.ensureFields();
    return i <= this.nf ? this.fields![i]! : UNINIT;
  }

  private setField(i: number, v: Val): void {
    if (i < 0) throw new AwkFatal(`trying to access out of range field ${i}`);
    if (i === 0) {
      this.record = v;
      this.fields = null;
      this.splitFS = this.str('FS');
      return;
    }
    this.ensureFields();
    const fields = this.fields!;
    while (this.nf < i) fields[++this.nf] = '';
    fields[i] = v;
    this.rebuild();
  }

  private setNF(n: number): void {
    this.ensureFields();
    const nf = Math.trunc(n);
    if (nf < 0) throw new AwkFatal('cannot set NF to a negative value');
    const fields = this.fields!;
    while (this.nf < nf) fields[++this.nf] = '';
    this.nf = nf;
    fields.length = nf + 1;
    this.rebuild();
  }

  /** recbld(): $0 from $1..$NF joined by OFS. */
  private rebuild(): void {
    const conv = this.str('CONVFMT');
    const parts: string[] = [];
    for (let j = 1; j <= this.nf; j++) parts.push(toStr(this.fields![j]!, conv));
    this.record = parts.join(this.str('OFS'));
  }

  private subscript(subs: Expr[]): string {
    const conv = this.str('CONVFMT');
    if (subs.length === 1) return toStr(this.eval(subs[0]!), conv);
    return subs.map((s) => toStr(this.eval(s), conv)).join(this.str('SUBSEP'));
  }

  private ref(t: LValue): Ref {
    if (t.k === 'var') return t;
    if (t.k === 'field') return { k: 'field', i: Math.trunc(toNum(this.eval(t.e))) };
    const arr = this.getArray(t.name);
    return { k: 'index', arr, key: this.subscript(t.subs) };
  }

  private load(r: Ref): Val {
    if (r.k === 'var') return this.getVar(r.name);
    if (r.k === 'field') return this.getField(r.i);
    const v = r.arr.get(r.key);
    if (v !== undefined) return v;
    r.arr.set(r.key, UNINIT);
    return UNINIT;
  }

  private store(r: Ref, v: Val): void {
    if (r.k === 'var') this.setVar(r.name, v);
    else if (r.k === 'field') this.setField(r.i, v);
    else r.arr.set(r.key, v);
  }

  private setLV(t: LValue, v: Val): void {
    this.store(this.ref(t), v);
  }

  // ---- statements --------------------------------------------------------

  private execList(list: Stmt[]): number {
    for (const s of list) {
      const r = this.exec(s);
      if (r !== NORMAL) return r;
    }
    return NORMAL;
  }

  private loopBody(body: Stmt): number | undefined {
    const r = this.exec(body);
    if (r === BREAK) return NORMAL;
    if (r === NORMAL || r === CONTINUE) return undefined;
    return r;
  }

  private exec(s: Stmt): number {
    this.line = s.line;
    switch (s.k) {
      case 'expr':
        this.eval(s.e);
        return NORMAL;
      case 'print': {
        const ofmt = this.str('OFMT');
        const text = s.args.length === 0 ? toStr(this.record, ofmt) : s.args.map((a) => this.outStr(this.eval(a), ofmt)).join(this.str('OFS'));
        this.write(text + this.str('ORS'), s.redir);
        return NORMAL;
      }
      case 'printf': {
        const conv = this.str('CONVFMT');
        const vals = s.args.map((a) => this.eval(a));
        let text: string;
        try {
          text = sprintfC(toStr(vals[0]!, conv), vals.slice(1), (v) => toStr(v, conv), toNum);
        } catch (err) {
          if (err instanceof AwkFormatError) throw new AwkFatal(err.message);
          throw err;
        }
        this.write(text, s.redir);
        return NORMAL;
      }
      case 'if':
        if (truthy(this.eval(s.c))) return this.exec(s.then);
        return s.else ? this.exec(s.else) : NORMAL;
      case 'while':
        while (truthy(this.eval(s.c))) {
          const r = this.loopBody(s.body);
          if (r !== undefined) return r;
        }
        return NORMAL;
      case 'do':
        do {
          const r = this.loopBody(s.body);
          if (r !== undefined) return r;
        } while (truthy(this.eval(s.c)));
        return NORMAL;
      case 'for':
        if (s.init) this.eval(s.init);
        while (!s.c || truthy(this.eval(s.c))) {
          const r = this.loopBody(s.body);
          if (r !== undefined) return r;
          if (s.step) this.eval(s.step);
        }
        return NORMAL;
      case 'forin': {
        const arr = this.getArray(s.arr);
        for (const key of arr.keys()) {
          if (!arr.has(key)) continue;
          this.setVar(s.name, key);
          const r = this.loopBody(s.body);
          if (r !== undefined) return r;
        }
        return NORMAL;
      }
      case 'block':
        return this.execList(s.body);
      case 'next':
        return NEXT;
      case 'nextfile':
        return NEXTFILE;
      case 'break':
        return BREAK;
      case 'continue':
        return CONTINUE;
      case 'exit':
        if (s.e) this.exitCode = Math.trunc(toNum(this.eval(s.e)));
        return EXIT;
      case 'return':
        this.retVal = s.e ? this.eval(s.e) : UNINIT;
        return RETURN;
      case 'delete': {
        const arr = this.getArray(s.name);
        if (s.subs) arr.delete(this.subscript(s.subs));
        else arr.clear();
        return NORMAL;
      }
    }
  }

  /** print's conversion: numbers that are not integers go through OFMT. */
  private outStr(v: Val, ofmt: string): string {
    return typeof v === 'number' ? numToStr(v, ofmt) : toStr(v, ofmt);
  }

  // ---- expressions -------------------------------------------------------

  private regexOf(e: Expr): RegExp {
    return awkRegex(e.k === 're' ? e.src : toStr(this.eval(e), this.str('CONVFMT')), true);
  }

  private test(re: RegExp, s: string): boolean {
    re.lastIndex = 0;
    return re.test(s);
  }

  eval(e: Expr): Val {
    switch (e.k) {
      case 'num':
      case 'str':
        return e.v;
      case 're':
        return this.test(awkRegex(e.src, true), toStr(this.record, this.str('CONVFMT'))) ? 1 : 0;
      case 'group':
        return this.eval(e.e);
      case 'var':
        return this.getVar(e.name);
      case 'field':
        return this.getField(Math.trunc(toNum(this.eval(e.e))));
      case 'index':
        return this.load(this.ref(e));
      case 'assign':
        return this.assign(e);
      case 'cond':
        return truthy(this.eval(e.c)) ? this.eval(e.a) : this.eval(e.b);
      case 'and':
        return truthy(this.eval(e.a)) && truthy(this.eval(e.b)) ? 1 : 0;
      case 'or':
        return truthy(this.eval(e.a)) || truthy(this.eval(e.b)) ? 1 : 0;
      case 'in':
        return this.getArray(e.name).has(this.subscript(e.subs)) ? 1 : 0;
      case 'match': {
        const s = toStr(this.eval(e.a), this.str('CONVFMT'));
        return this.test(this.regexOf(e.re), s) !== e.neg ? 1 : 0;
      }
      case 'bin':
        return this.binary(e.op, this.eval(e.a), this.eval(e.b));
      case 'cat': {
        const conv = this.str('CONVFMT');
        const a = toStr(this.eval(e.a), conv);
        return a + toStr(this.eval(e.b), conv);
      }
      case 'unary': {
        const v = this.eval(e.e);
        if (e.op === '!') return truthy(v) ? 0 : 1;
        return e.op === '-' ? -toNum(v) : toNum(v);
      }
      case 'incdec': {
        const r = this.ref(e.target);
        const old = toNum(this.load(r));
        const next = e.op === '++' ? old + 1 : old - 1;
        this.store(r, next);
        return e.prefix ? next : old;
      }
      case 'call':
        return this.builtin(e.name, e.args);
      case 'ucall':
        return this.call(e.name, e.args);
      case 'getline':
        return this.getline(e);
    }
  }

  private assign(e: Extract<Expr, { k: 'assign' }>): Val {
    if (e.op === '=') {
      const r = this.ref(e.target);
      const v = this.eval(e.e);
      this.store(r, v);
      return v;
    }
    const r = this.ref(e.target);
    const rhs = this.eval(e.e);
    const v = this.arith(e.op.slice(0, 1), toNum(this.load(r)), toNum(rhs), `${e.op.slice(0, 1)}=`);
    this.store(r, v);
    return v;
  }

  private arith(op: string, x: number, y: number, what?: string): number {
    switch (op) {
      case '+':
        return x + y;
      case '-':
        return x - y;
      case '*':
        return x * y;
      case '/':
        if (y === 0) throw new AwkFatal(what ? `division by zero in ${what}` : 'division by zero');
        return x / y;
      case '%':
        if (y === 0) throw new AwkFatal(what ? `division by zero in ${what}` : 'division by zero in mod');
        return x % y;
      default:
        return x ** y;
    }
  }

  private binary(op: string, a: Val, b: Val): Val {
    switch (op) {
      case '<':
      case '<=':
      case '>':
      case '>=':
      case '==':
      case '!=': {
        let c: number;
        if (isNumeric(a) && isNumeric(b)) {
          const x = toNum(a);
          const y = toNum(b);
          c = x < y ? -1 : x > y ? 1 : x === y ? 0 : NaN;
        } else {
          const conv = this.str('CONVFMT');
          const s = toStr(a, conv);
          const t = toStr(b, conv);
          c = s < t ? -1 : s > t ? 1 : 0;
        }
        if (Number.isNaN(c)) return op === '!=' ? 1 : 0;
        const r = op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : op === '>=' ? c >= 0 : op === '==' ? c === 0 : c !== 0;
        return r ? 1 : 0;
      }
      default:
        return this.arith(op, toNum(a), toNum(b));
    }
  }

  private call(name: string, args: Expr[]): Val {
    const f = this.run.prog.funcs.get(name);
    if (!f) throw new AwkFatal(`calling undefined function ${name}`);
    if (args.length > f.params.length) throw new AwkFatal(`function ${name} called with ${args.length} args, uses only ${f.params.length}`);
    const frame = new Map<string, Slot>();
    const lazies: Array<[string, LazyArg]> = [];
    f.params.forEach((p, i) => {
      const a = args[i];
      if (!a) frame.set(p, UNINIT);
      else if (a.k === 'var' && this.isArrayName(a.name)) frame.set(p, this.getArray(a.name));
      else if (a.k === 'var' && this.isUnset(a.name)) {
        const lazy = new LazyArg();
        lazies.push([a.name, lazy]);
        frame.set(p, lazy);
      } else frame.set(p, this.eval(a));
    });
    this.frames.push(frame);
    const line = this.line;
    try {
      this.execList(f.body);
    } finally {
      this.frames.pop();
      this.line = line;
    }
    for (const [argName, lazy] of lazies) {
      if (!lazy.used) continue;
      const caller = this.frames[this.frames.length - 1];
      if (caller?.has(argName)) caller.set(argName, lazy.arr);
      else this.arrays.set(argName, lazy.arr);
    }
    const ret = this.retVal;
    this.retVal = UNINIT;
    return ret;
  }

  private isUnset(name: string): boolean {
    const slot = this.frameSlot(name);
    if (slot !== undefined) return slot === UNINIT || slot instanceof LazyArg;
    return name !== 'NF' && !this.globals.has(name) && !this.arrays.has(name);
  }

  private builtin(name: string, args: Expr[]): Val {
    const conv = this.str('CONVFMT');
    const s = (i: number): string => toStr(this.eval(args[i]!), conv);
    const n = (i: number): number => toNum(this.eval(args[i]!));
    switch (name) {
      case 'length': {
        const a = args[0];
        if (!a) return toStr(this.record, conv).length;
        if (a.k === 'var' && this.isArrayName(a.name)) return this.getArray(a.name).size;
        return s(0).length;
      }
      case 'substr':
        return substr(s(0), n(1), args.length > 2 ? n(2) : undefined);
      case 'index':
        return s(0).indexOf(s(1)) + 1;
      case 'split':
        return this.split(args);
      case 'sub':
      case 'gsub':
        return this.sub(args, name === 'gsub');
      case 'match': {
        const str = s(0);
        const re = this.regexOf(args[1]!);
        re.lastIndex = 0;
        const m = re.exec(str);
        this.globals.set('RSTART', m ? m.index + 1 : 0);
        this.globals.set('RLENGTH', m ? m[0].length : -1);
        return m ? m.index + 1 : 0;
      }
      case 'sprintf': {
        if (args.length === 0) return '';
        const vals = args.map((a) => this.eval(a));
        try {
          return sprintfC(toStr(vals[0]!, conv), vals.slice(1), (v) => toStr(v, conv), toNum);
        } catch (err) {
          if (err instanceof AwkFormatError) throw new AwkFatal(err.message.replace('printf(', 'sprintf('));
          throw err;
        }
      }
      case 'tolower':
        return s(0).replace(/[A-Z]+/g, (m) => m.toLowerCase());
      case 'toupper':
        return s(0).replace(/[a-z]+/g, (m) => m.toUpperCase());
      case 'int':
        return Math.trunc(n(0));
      case 'sqrt':
        return Math.sqrt(n(0));
      case 'exp':
        return Math.exp(n(0));
      case 'log':
        return Math.log(n(0));
      case 'sin':
        return Math.sin(n(0));
      case 'cos':
        return Math.cos(n(0));
      case 'atan2':
        return Math.atan2(n(0), n(1));
      case 'rand':
        return this.rand();
      case 'srand': {
        const prev = this.seed;
        this.seed = args.length ? Math.trunc(n(0)) : this.ctx.host.state.clock;
        this.randState = this.seed >>> 0 || 1;
        return prev;
      }
      case 'system': {
        const cmd = s(0);
        this.flushAll();
        const r = this.ctx.run(cmd, this.runOptions());
        this.out += r.stdout;
        this.err += r.stderr;
        return r.code;
      }
      case 'close':
        return this.close(s(0));
      case 'fflush':
        this.flushAll();
        return 0;
      default:
        throw new AwkFatal(`calling undefined function ${name}`);
    }
  }

  /** A deterministic generator on [0, 1): the simulator needs repeatable runs, not FreeBSD's random(3) sequence. */
  private rand(): number {
    let x = this.randState;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.randState = x >>> 0 || 1;
    return this.randState / 0x100000000;
  }

  private split(args: Expr[]): number {
    const conv = this.str('CONVFMT');
    const str = toStr(this.eval(args[0]!), conv);
    const target = args[1];
    if (!target || target.k !== 'var') throw new AwkFatal('split: second argument is not an array name');
    const sepArg = args[2];
    const sep = !sepArg ? this.str('FS') : sepArg.k === 're' ? awkRegex(sepArg.src, true) : toStr(this.eval(sepArg), conv);
    const arr = this.getArray(target.name);
    arr.clear();
    const parts = splitString(str, sep);
    parts.forEach((p, i) => arr.set(String(i + 1), fromInput(p)));
    return parts.length;
  }

  private sub(args: Expr[], global: boolean): number {
    const conv = this.str('CONVFMT');
    const re = this.regexOf(args[0]!);
    const repl = toStr(this.eval(args[1]!), conv);
    const target = args[2];
    if (target && target.k !== 'var' && target.k !== 'field' && target.k !== 'index') {
      return substitute(toStr(this.eval(target), conv), re, repl, global).count;
    }
    const r = target ? this.ref(target) : undefined;
    const before = toStr(r ? this.load(r) : this.record, conv);
    const { text, count } = substitute(before, re, repl, global);
    if (count === 0) return 0;
    if (r) this.store(r, text);
    else this.setField(0, text);
    return count;
  }
}
