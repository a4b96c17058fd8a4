import type { SimCommand } from '../../types.js';
import { cat } from './cat.js';
import { echo } from './echo.js';
import { printf } from './printf.js';
import { sh } from './sh.js';
import { test } from './test.js';
import { falseCommand, sleep, trueCommand } from './trivial.js';

/** POSIX userland (cat, printf, test, mkdir, mv, ...). */
export const baseCommands: Record<string, SimCommand> = {
  sh,
  cat,
  echo,
  printf,
  test,
  '[': test,
  true: trueCommand,
  false: falseCommand,
  sleep,
};
