/**
 * Ansible's free form, `shell: make install chdir=/usr/src`: a module's
 * arguments as one string. Its text goes to one argument; the `k=v` words
 * naming options Ansible reads out of it (creates=, removes=, chdir=) are
 * those options.
 */
import { freeForm, parseKv } from './key-value.js';

/** Modules whose one-string form is only `k=v` words (`debug: msg="hi {{ x }}"`, `set_fact: a=1 b=2`), as Ansible reads them. */
const KEY_VALUE_ONLY: ReadonlySet<string> = new Set(['debug', 'set_fact', 'assert']);

const FREE_FORM: Readonly<Record<string, { key: string; options: readonly string[] }>> = {
  command: { key: 'cmd', options: ['creates', 'removes', 'chdir'] },
};

/** The arguments the string stands for, or undefined when the module takes no free form. */
export function freeFormArgs(module: string, text: string): Record<string, unknown> | undefined {
  if (KEY_VALUE_ONLY.has(module)) {
    const { options, raw } = parseKv(text);
    return raw.length ? undefined : options;
  }
  const form = Object.hasOwn(FREE_FORM, module) ? FREE_FORM[module] : undefined;
  if (!form) return undefined;
  const { options, rest } = freeForm(text, form.options);
  return { ...(rest !== '' ? { [form.key]: rest } : {}), ...options };
}
