import type { SimResult } from '../../types.js';

/** Collects a command's stdout and stderr, then yields its SimResult. */
export class Output {
  stdout = '';
  stderr = '';

  out(text: string): this {
    this.stdout += text;
    return this;
  }

  err(text: string): this {
    this.stderr += text;
    return this;
  }

  /** Append another command's output (e.g. a nested run). */
  add(result: SimResult): this {
    this.stdout += result.stdout;
    this.stderr += result.stderr;
    return this;
  }

  result(code: number): SimResult {
    return { stdout: this.stdout, stderr: this.stderr, code };
  }
}

export function fail(stderr: string, code = 1, stdout = ''): SimResult {
  return { stdout, stderr, code };
}

/** Quote a word for sh: what nested runs (jexec-style re-execs) send. */
export function shQuote(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
