/**
 * Ansible's free form, `shell: make install chdir=/usr/src`: a module's
 * arguments as one string. Its text goes to one argument; the `k=v` words
 * naming options Ansible reads out of it (creates=, removes=, chdir=) are
 * those options.
 */
import { freeForm } from './key-value.js';

const FREE_FORM: Readonly<Record<string, { key: string; options: readonly string[] }>> = {
  command: { key: 'cmd', options: ['creates', 'removes', 'chdir'] },
};

/** The arguments the string stands for, or undefined when the module takes no free form. */
export function freeFormArgs(module: string, text: string): Record<string, unknown> | undefined {
  const form = Object.hasOwn(FREE_FORM, module) ? FREE_FORM[module] : undefined;
  if (!form) return undefined;
  const { options, rest } = freeForm(text, form.options);
  return { ...(rest !== '' ? { [form.key]: rest } : {}), ...options };
}
