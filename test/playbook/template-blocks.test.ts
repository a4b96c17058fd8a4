/**
 * Template files as Ansible's template module renders them: Jinja2 with
 * trim_blocks: true, lstrip_blocks: false, keep_trailing_newline: true
 * (Ansible's template module documentation, "trim_blocks"/"lstrip_blocks"
 * defaults). Expected strings follow Jinja2's Template Designer
 * Documentation: "Whitespace Control", "Comments", "if", "for".
 */
import { describe, expect, it } from 'vitest';
import { checkTemplateFile, renderTemplateFile } from '../../src/playbook/template-blocks.js';
import { TemplateError } from '../../src/playbook/template-error.js';

const FILE = '/p/templates/t.j2';
const render = (text: string, vars: Record<string, unknown> = {}): string => renderTemplateFile(text, FILE, vars);

const failure = (fn: () => unknown): TemplateError => {
  try {
    fn();
  } catch (err) {
    if (err instanceof TemplateError) return err;
    throw err;
  }
  throw new Error('expected a TemplateError');
};

describe('template files: expressions and comments', () => {
  it('renders {{ }} with filters, and keeps text and the trailing newline as written', () => {
    expect(render('host {{ name | upper }} at {{ ip }}\n', { name: 'www', ip: '192.0.2.5' })).toBe('host WWW at 192.0.2.5\n');
  });

  it('drops {# comments #}, and (trim_blocks) the newline right after one', () => {
    // "Comments": {# ... #} is not included in the output.
    expect(render('a\n{# note: not in the output #}\nb\n')).toBe('a\nb\n');
  });

  it('does not remove the newline after {{ }}: trim_blocks is for block tags only', () => {
    expect(render('{{ x }}\ny\n', { x: 1 })).toBe('1\ny\n');
  });

  it('reads variables whose values are templates, as task arguments do', () => {
    expect(render('{{ jail_ip }}\n', { net: '10.0.0', jail_ip: '{{ net }}.5' })).toBe('10.0.0.5\n');
  });
});

describe('template files: if', () => {
  // Jinja2 "if": the kenny example.
  const kenny = '{% if kenny.sick %}\nKenny is sick.\n{% elif kenny.dead %}\nYou killed Kenny!  You bastard!!!\n{% else %}\nKenny looks okay --- so far\n{% endif %}\n';

  it('takes the first true branch, else the else branch', () => {
    expect(render(kenny, { kenny: { sick: true, dead: true } })).toBe('Kenny is sick.\n');
    expect(render(kenny, { kenny: { sick: false, dead: true } })).toBe('You killed Kenny!  You bastard!!!\n');
    expect(render(kenny, { kenny: { sick: false, dead: false } })).toBe('Kenny looks okay --- so far\n');
  });

  it('nests, and tests definedness without failing', () => {
    const t = '{% if users is defined %}{% if users %}some{% else %}none{% endif %}{% else %}undefined{% endif %}';
    expect(render(t, { users: ['a'] })).toBe('some');
    expect(render(t, { users: [] })).toBe('none');
    expect(render(t)).toBe('undefined');
  });
});

describe('template files: for', () => {
  it('loops over a list with loop.index, loop.first and loop.last', () => {
    const t = '{% for u in users %}\n{{ loop.index }}:{{ u }}{% if loop.first %} (first){% endif %}{% if loop.last %} (last){% endif %};\n{% endfor %}\n';
    expect(render(t, { users: ['ann', 'bob', 'cy'] })).toBe('1:ann (first);\n2:bob;\n3:cy (last);\n');
    // trim_blocks: the newline right after {% endif %} goes too, so a line ending in a block tag joins the next.
    expect(render('{% for u in users %}\n{{ u }}{% if loop.last %}.{% endif %}\n{% endfor %}\n', { users: ['a', 'b'] })).toBe('ab.');
  });

  it('joins with a separator except after the last item', () => {
    expect(render('{% for h in hosts %}{{ h }}{% if not loop.last %}, {% endif %}{% endfor %}', { hosts: ['a', 'b', 'c'] })).toBe('a, b, c');
  });

  it('runs the else block when the sequence is empty', () => {
    // Jinja2 "for": "{% else %} ... no users found".
    const t = '{% for u in users %}\n<li>{{ u }}</li>\n{% else %}\n<li><em>no users found</em></li>\n{% endfor %}\n';
    expect(render(t, { users: [] })).toBe('<li><em>no users found</em></li>\n');
  });

  it('unpacks key, value in dict.items(), in the map\'s order', () => {
    // Jinja2 "for": <dl>{% for key, value in my_dict.items() %}<dt>{{ key }}</dt><dd>{{ value }}</dd>{% endfor %}</dl>
    const t = '<dl>{% for key, value in my_dict.items() %}<dt>{{ key }}</dt><dd>{{ value }}</dd>{% endfor %}</dl>';
    expect(render(t, { my_dict: { a: 1, b: 'x' } })).toBe('<dl><dt>a</dt><dd>1</dd><dt>b</dt><dd>x</dd></dl>');
  });

  it('gives an inner loop its own loop variable, and leaves the outer scope alone', () => {
    const t = '{% for a in xs %}{% for b in ys %}{{ a }}{{ b }}{{ loop.index }} {% endfor %}{{ loop.index }}|{% endfor %}{{ a | default("unset") }}';
    expect(render(t, { xs: ['x', 'y'], ys: ['1', '2'] })).toBe('x11 x22 1|y11 y22 2|unset');
  });
});

describe('template files: whitespace control', () => {
  it('trim_blocks only: the indentation before a block tag stays (lstrip_blocks is false)', () => {
    // Jinja2 "Whitespace Control": the <div> example, with trim_blocks and without lstrip_blocks.
    const t = '<div>\n    {% if True %}\n        yay\n    {% endif %}\n</div>\n';
    expect(render(t, { True: true })).toBe('<div>\n            yay\n    </div>\n');
  });

  it('a minus sign strips the whitespace before or after a tag', () => {
    // Jinja2 "Whitespace Control": seq from 1 to 9 yields 123456789.
    const t = '{% for item in seq -%}\n    {{ item }}\n{%- endfor %}';
    expect(render(t, { seq: [1, 2, 3, 4, 5, 6, 7, 8, 9] })).toBe('123456789');
  });

  it('strips around {{- -}} and {#- -#} too, newlines included', () => {
    expect(render('a  \n  {{- x -}}  \n  b', { x: 1 })).toBe('a1b');
    expect(render('a \n{#- c -#}\n b')).toBe('ab');
  });

  it('a plus sign after a block tag keeps its newline', () => {
    expect(render('{% if x +%}\nyes\n{% endif %}\n', { x: true })).toBe('\nyes\n');
  });
});

describe('template files: errors name the file, line and column', () => {
  it('an unclosed block is reported at its opening tag', () => {
    const err = failure(() => checkTemplateFile('a\n  {% if x %}\nb\n', FILE));
    expect(err.message).toBe(`${FILE}:2:3: unclosed "{% if %}": no "{% endif %}" before the end of the file`);
  });

  it('an unknown tag, a stray end tag and a mismatched end tag are refused', () => {
    expect(failure(() => checkTemplateFile('{% include "x" %}', FILE)).message).toBe(`${FILE}:1:1: unknown tag "{% include %}" (known: if, elif, else, endif, for, endfor)`);
    expect(failure(() => checkTemplateFile('x\n{% endfor %}', FILE)).message).toBe(`${FILE}:2:1: unexpected "{% endfor %}"`);
    expect(failure(() => checkTemplateFile('{% for a in b %}\n{% endif %}', FILE)).message).toBe(`${FILE}:2:1: unexpected "{% endif %}" inside "{% for %}" opened at line 1`);
  });

  it('a bad expression or an unclosed tag is reported where it starts', () => {
    expect(failure(() => checkTemplateFile('ok\nx = {{ a + }}', FILE)).message).toMatch(new RegExp(`^${FILE}:2:5: `));
    expect(failure(() => checkTemplateFile('ok {{ a', FILE)).message).toBe(`${FILE}:1:4: unclosed "{{": no "}}" after it`);
  });

  it('an undefined variable is a render error at its tag, also inside a block', () => {
    const err = failure(() => render('line 1\n{% for x in xs %}\n  {{ x }} {{ missing }}\n{% endfor %}\n', { xs: [1] }));
    expect(err.message).toBe(`${FILE}:3:11: undefined variable "missing"`);
    expect(failure(() => render('{% if nope %}{% endif %}')).message).toBe(`${FILE}:1:1: undefined variable "nope"`);
  });
});
