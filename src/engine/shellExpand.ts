/**
 * Word expansion as sh does it: quotes, `$VAR`/`${VAR:-default}`, `$(cmd)` and backticks,
 * `$((arithmetic))`, and field splitting of unquoted expansions. Globs are left as written.
 */
import { skipBalanced, skipDoubleQuoted } from './shellParse';

export interface ExpandScope {
  getVar(name: string): string | undefined;
  setVar(name: string, value: string): void;
  /** Run a command substitution and return its output. */
  substitute(script: string): string;
  readonly lastStatus: number;
  readonly shellName: string;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

function parameter(body: string, scope: ExpandScope): string {
  if (body.startsWith('#')) return String((scope.getVar(body.slice(1)) ?? '').length);
  const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9?$#!@*])(:?[-=+?])?(.*)$/s.exec(body);
  if (!m) return '';
  const name = m[1] ?? '';
  const op = m[2];
  const value = special(name, scope) ?? scope.getVar(name);
  const word = () => expandJoined(m[3] ?? '', scope);
  const unset = op?.startsWith(':') ? !value : value === undefined;
  switch (op?.replace(':', '')) {
    case '-':
      return unset ? word() : (value ?? '');
    case '=': {
      if (!unset) return value ?? '';
      const w = word();
      scope.setVar(name, w);
      return w;
    }
    case '+':
      return unset ? '' : word();
    default:
      return value ?? '';
  }
}

function special(name: string, scope: ExpandScope): string | undefined {
  switch (name) {
    case '?':
      return String(scope.lastStatus);
    case '$':
      return '1';
    case '!':
      return '2';
    case '#':
      return '0';
    case '0':
      return scope.shellName;
    case '@':
    case '*':
      return '';
    default:
      return /^\d$/.test(name) ? '' : undefined;
  }
}

/** `$((…))` with + - * / % and comparisons over integers and variable names. */
export function arithmetic(expr: string, scope: ExpandScope): number {
  const tokens = expr.match(/\d+|[A-Za-z_][A-Za-z0-9_]*|==|!=|<=|>=|&&|\|\||[-+*/%()<>!]/g) ?? [];
  let pos = 0;
  const peek = () => tokens[pos];
  const atom = (): number => {
    const t = tokens[pos++];
    if (t === '(') {
      const v = binary(0);
      pos++;
      return v;
    }
    if (t === '-') return -atom();
    if (t === '!') return atom() === 0 ? 1 : 0;
    if (t === undefined) return 0;
    if (/^\d+$/.test(t)) return Number(t);
    const v = Number(scope.getVar(t.replace(/^\$/, '')) ?? 0);
    return Number.isFinite(v) ? Math.trunc(v) : 0;
  };
  const levels = [
    ['||'],
    ['&&'],
    ['==', '!='],
    ['<', '>', '<=', '>='],
    ['+', '-'],
    ['*', '/', '%'],
  ];
  const apply = (op: string, a: number, b: number): number => {
    switch (op) {
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        return a * b;
      case '/':
        return b === 0 ? 0 : Math.trunc(a / b);
      case '%':
        return b === 0 ? 0 : a % b;
      case '<':
        return a < b ? 1 : 0;
      case '>':
        return a > b ? 1 : 0;
      case '<=':
        return a <= b ? 1 : 0;
      case '>=':
        return a >= b ? 1 : 0;
      case '==':
        return a === b ? 1 : 0;
      case '!=':
        return a !== b ? 1 : 0;
      case '&&':
        return a !== 0 && b !== 0 ? 1 : 0;
      default:
        return a !== 0 || b !== 0 ? 1 : 0;
    }
  };
  const binary = (level: number): number => {
    const ops = levels[level];
    if (!ops) return atom();
    let v = binary(level + 1);
    for (let t = peek(); t !== undefined && ops.includes(t); t = peek()) {
      pos++;
      v = apply(t, v, binary(level + 1));
    }
    return v;
  };
  return binary(0);
}

/** Expand a `$…` or backtick construct starting at `i`; returns its text and where it ends. */
function dollar(word: string, i: number, scope: ExpandScope): { text: string; next: number } {
  if (word[i] === '`') {
    const end = word.indexOf('`', i + 1);
    const stop = end < 0 ? word.length : end;
    return { text: scope.substitute(word.slice(i + 1, stop)), next: stop + 1 };
  }
  if (word.startsWith('$((', i)) {
    const end = skipBalanced(word, i + 2, '(', ')');
    return { text: String(arithmetic(word.slice(i + 3, end - 2), scope)), next: end };
  }
  if (word.startsWith('$(', i)) {
    const end = skipBalanced(word, i + 2, '(', ')');
    return { text: scope.substitute(word.slice(i + 2, end - 1)), next: end };
  }
  if (word.startsWith('${', i)) {
    const end = skipBalanced(word, i + 2, '{', '}');
    return { text: parameter(word.slice(i + 2, end - 1), scope), next: end };
  }
  const rest = word.slice(i + 1);
  const name = NAME.exec(rest)?.[0] ?? (/^[0-9?$#!@*]/.test(rest) ? rest[0] : undefined);
  if (!name) return { text: '$', next: i + 1 };
  return { text: special(name, scope) ?? scope.getVar(name) ?? '', next: i + 1 + name.length };
}

/** A here-document's text: expansions as in double quotes, but `"` is an ordinary character. */
export function expandHeredoc(text: string, scope: ExpandScope): string {
  return expandDouble(text, scope, '$`\\\n');
}

function expandDouble(s: string, scope: ExpandScope, escapable = '$`"\\\n'): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const c = s[i] ?? '';
    if (c === '\\' && i + 1 < s.length && escapable.includes(s[i + 1] ?? '')) {
      out += s[i + 1] === '\n' ? '' : (s[i + 1] ?? '');
      i += 2;
    } else if (c === '$' || c === '`') {
      const { text, next } = dollar(s, i, scope);
      out += text;
      i = next;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Expand one word into fields (unquoted expansions split on whitespace). */
export function expandWord(word: string, scope: ExpandScope): string[] {
  const fields: string[] = [];
  let cur = '';
  let has = false;
  const unquoted = (text: string) => {
    text.split(/[ \t\n]+/).forEach((part, idx) => {
      if (idx > 0 && has) {
        fields.push(cur);
        cur = '';
        has = false;
      }
      if (part !== '') {
        cur += part;
        has = true;
      }
    });
  };
  let i = 0;
  while (i < word.length) {
    const c = word[i] ?? '';
    if (c === "'") {
      const end = word.indexOf("'", i + 1);
      const stop = end < 0 ? word.length : end;
      cur += word.slice(i + 1, stop);
      has = true;
      i = stop + 1;
    } else if (c === '"') {
      const end = skipDoubleQuoted(word, i + 1);
      cur += expandDouble(word.slice(i + 1, end - 1), scope);
      has = true;
      i = end;
    } else if (c === '\\') {
      cur += word[i + 1] ?? '';
      has = true;
      i += 2;
    } else if (c === '$' || c === '`') {
      const { text, next } = dollar(word, i, scope);
      if (text === '$') {
        cur += text;
        has = true;
      } else unquoted(text);
      i = next;
    } else if (c === '~' && i === 0 && (word.length === 1 || word[1] === '/')) {
      cur += scope.getVar('HOME') ?? '/root';
      has = true;
      i++;
    } else {
      cur += c;
      has = true;
      i++;
    }
  }
  if (has) fields.push(cur);
  return fields;
}

/** Expand and join with spaces (assignments, redirection targets, here-strings). */
export function expandJoined(word: string, scope: ExpandScope): string {
  return expandWord(word, scope).join(' ');
}
