export interface TagFilter {
  only: string[];
  skip: string[];
}

/** Ansible's rules: "always" runs unless skipped by name; "never" runs only when asked for. */
export function taskSelected(tags: string[], filter: TagFilter): boolean {
  if (tags.some((t) => filter.skip.includes(t))) return false;
  if (filter.only.length === 0) return !tags.includes('never');
  if (tags.includes('always')) return true;
  return tags.some((t) => filter.only.includes(t));
}
