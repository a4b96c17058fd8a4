/** Everything the report puts in its page from the database goes through one of these. */

const HTML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text and attribute values (quoted with either quote). */
export function escapeHtml(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]!);
}

/**
 * JSON for a <script type="application/json"> element: a diff holding
 * `</script>` or `<!--` must not end or change the element, so `<`, `>`
 * and `&` are written as \u escapes (still the same JSON), as are the two
 * line separators older JavaScript parsers choke on.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
