/** Output collected by a command as it goes (stdout and stderr in order of writing). */
import type { SimResult } from '../../types.js';

export class Io {
  out = '';
  err = '';
  /** warnx(3): "prog: message\n" on stderr. */
  warn(prog: string, message: string): void {
    this.err += `${prog}: ${message}\n`;
  }
  print(text: string): void {
    this.out += text;
  }
  /** Pass a nested command's output through. */
  take(r: SimResult): void {
    this.out += r.stdout;
    this.err += r.stderr;
  }
  result(code: number): SimResult {
    return { stdout: this.out, stderr: this.err, code };
  }
}

export function fail(prog: string, message: string, code = 1): SimResult {
  return { stdout: '', stderr: `${prog}: ${message}\n`, code };
}

export function ok(stdout = ''): SimResult {
  return { stdout, stderr: '', code: 0 };
}
