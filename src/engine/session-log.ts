/**
 * What an earlier session left in its log on the host (script.ts
 * buildSessionScript): a round that ran to its end after the controller lost
 * the connection. The next run reads it under the host lock — after that
 * round finished — and reports what it did; its own end empties the log.
 * Frames are renamed on the way out (`@@jf:` -> `@@log:`) so they cannot be
 * taken for this session's own.
 */
import type { FactSpec } from '../modules/types.js';
import { SESSION_LOG } from '../shell/script.js';

export interface EarlierRound {
  /** Parts (steps and fact reads) that ran to their end. */
  completed: number;
  /** The first part that failed, and its exit status. */
  failed?: { part: number; code: number };
  /** A part that began and never ended (the host itself went down). */
  cut: boolean;
}

const KEY = 'session-log::';

export function sessionLogFact(): FactSpec<EarlierRound | undefined> {
  return {
    key: KEY,
    command: `jf_l=${SESSION_LOG}; if [ -s "$jf_l.out" ]; then sed 's/^@@jf:/@@log:/' "$jf_l.out"; fi`,
    // Only sessions write it, and none runs beside this one (the host lock).
    reads: [],
    parse(out) {
      if (out.stdout === '') return undefined;
      const begun = new Set<string>();
      let completed = 0;
      let failed: EarlierRound['failed'];
      for (const line of out.stdout.split('\n')) {
        const b = /^@@log:[0-9a-f]+:b:(\d+)$/.exec(line);
        if (b?.[1]) begun.add(b[1]);
        const e = /^@@log:[0-9a-f]+:e:(\d+):(\d+)$/.exec(line);
        if (!e?.[1] || !e[2]) continue;
        begun.delete(e[1]);
        completed += 1;
        const code = Number(e[2]);
        if (code !== 0 && !failed) failed = { part: Number(e[1]) + 1, code };
      }
      return { completed, cut: begun.size > 0, ...(failed ? { failed } : {}) };
    },
  };
}

/** The report of an earlier round, for the operator. */
export function describeEarlierRound(r: EarlierRound): string {
  const head = 'an earlier run lost its connection while a round ran; the host ran that round on under the lock';
  const what = `${r.completed} step${r.completed === 1 ? '' : 's'} and fact reads completed`;
  const failed = r.failed ? `; part ${r.failed.part} exited ${r.failed.code} and the round stopped there` : '';
  const cut = r.cut ? '; one part began and never ended (the host went down?)' : '';
  return `${head}: ${what}${failed}${cut}. What it changed is in the facts this run read.`;
}
