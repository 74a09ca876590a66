/**
 * A POSIX-shell subset parser for the scripts people put in `command: [sh, -c, …]`: lists
 * (`;`, `&&`, `||`, `&`, newlines), pipelines, redirections, `while`/`until`/`for`/`if`,
 * `{ …; }` and `( … )`. Words keep their quotes; shell.ts expands them when they run, as a
 * shell does (so `$i` in a loop body sees the current value).
 */

export type ShellNode =
  | {
      readonly type: 'simple';
      readonly assigns: readonly (readonly [string, string])[];
      readonly words: readonly string[];
      readonly redirects: readonly Redirect[];
    }
  | { readonly type: 'pipeline'; readonly negate: boolean; readonly commands: readonly ShellNode[] }
  | {
      readonly type: 'andOr';
      readonly first: ShellNode;
      readonly rest: readonly { readonly op: '&&' | '||'; readonly node: ShellNode }[];
    }
  | {
      readonly type: 'list';
      readonly items: readonly { readonly node: ShellNode; readonly background: boolean }[];
    }
  | {
      readonly type: 'while';
      readonly until: boolean;
      readonly cond: ShellNode;
      readonly body: ShellNode;
    }
  | {
      readonly type: 'for';
      readonly name: string;
      readonly words: readonly string[] | null;
      readonly body: ShellNode;
    }
  | {
      readonly type: 'if';
      readonly clauses: readonly { readonly cond: ShellNode; readonly body: ShellNode }[];
      readonly elseBody: ShellNode | null;
    }
  | {
      readonly type: 'group';
      readonly subshell: boolean;
      readonly body: ShellNode;
      readonly redirects: readonly Redirect[];
    };

export interface Redirect {
  /** `>`, `>>`, `<`; fd-duplications like `2>&1` are kept as `dup` and do nothing here. */
  readonly op: '>' | '>>' | '<' | 'dup' | 'heredoc';
  readonly fd: number;
  /** The file (a word to expand), or a here-document's text. */
  readonly target: string;
  /** Here-document with an unquoted delimiter: `$VAR` and `$(…)` expand in its text. */
  readonly expands?: boolean;
}

type Token =
  | { readonly kind: 'word'; readonly text: string }
  | { readonly kind: 'op'; readonly op: string }
  | { readonly kind: 'redir'; readonly op: '>' | '>>' | '<' | 'dup'; readonly fd: number }
  | { readonly kind: 'heredoc'; readonly text: string; readonly expands: boolean };

export type ParseResult =
  | { readonly ok: true; readonly node: ShellNode }
  | { readonly ok: false; readonly message: string };

/** Index just past the `)` closing a `$(` or `(` opened before `start`, skipping quotes. */
export function skipBalanced(s: string, start: number, open: string, close: string): number {
  let depth = 1;
  let i = start;
  while (i < s.length && depth > 0) {
    const c = s[i];
    if (c === '\\') i += 2;
    else if (c === "'") i = s.indexOf("'", i + 1) < 0 ? s.length : s.indexOf("'", i + 1) + 1;
    else if (c === '"') i = skipDoubleQuoted(s, i + 1);
    else {
      if (c === open) depth++;
      else if (c === close) depth--;
      i++;
    }
  }
  return i;
}

/** Index just past the closing `"` of a string whose body starts at `start`. */
export function skipDoubleQuoted(s: string, start: number): number {
  let i = start;
  while (i < s.length && s[i] !== '"') {
    if (s[i] === '\\') i += 2;
    else if (s.startsWith('$(', i)) i = skipBalanced(s, i + 2, '(', ')');
    else if (s[i] === '`') i = s.indexOf('`', i + 1) < 0 ? s.length : s.indexOf('`', i + 1) + 1;
    else i++;
  }
  return i + 1;
}

const OPERATORS = ['&&', '||', ';;', ';', '&', '|', '(', ')', '\n'];

/**
 * Cut the here-document that starts on the line after `from` out of `src`: its text, and `src`
 * without it. Leading tabs go with `<<-`.
 */
function cutHeredoc(
  src: string,
  from: number,
  delimiter: string,
  stripTabs: boolean,
): { text: string; rest: string } {
  const lineEnd = src.indexOf('\n', from);
  if (lineEnd < 0) throw new SyntaxError(`here-document without its body (${delimiter})`);
  const lines: string[] = [];
  let pos = lineEnd + 1;
  for (;;) {
    if (pos > src.length) throw new SyntaxError(`here-document not ended by ${delimiter}`);
    const next = src.indexOf('\n', pos);
    const raw = src.slice(pos, next < 0 ? src.length : next);
    const line = stripTabs ? raw.replace(/^\t+/, '') : raw;
    pos = next < 0 ? src.length + 1 : next + 1;
    if (line === delimiter) break;
    lines.push(line);
  }
  const text = lines.map((l) => `${l}\n`).join('');
  return { text, rest: src.slice(0, lineEnd + 1) + src.slice(Math.min(pos, src.length)) };
}

function closingQuote(src: string, from: number, quote: string): number {
  const end = src.indexOf(quote, from);
  if (end < 0) throw new SyntaxError(`unterminated quoted string`);
  return end + 1;
}

function tokenize(input: string): Token[] {
  let src = input;
  const out: Token[] = [];
  let i = 0;
  let word = '';
  const flush = () => {
    if (word !== '') out.push({ kind: 'word', text: word });
    word = '';
  };
  while (i < src.length) {
    const c = src[i] ?? '';
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      flush();
      i++;
      continue;
    }
    if (c === '#' && word === '') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    const here = /^<<(-?)[ \t]*(['"]?)([A-Za-z0-9_\-.]+)\2/.exec(src.slice(i));
    if (here) {
      flush();
      const cut = cutHeredoc(src, i, here[3] ?? '', here[1] === '-');
      src = cut.rest;
      out.push({ kind: 'heredoc', text: cut.text, expands: here[2] === '' });
      i += here[0].length;
      continue;
    }
    if (c === '>' || c === '<' || (c === '&' && src[i + 1] === '>')) {
      let fd = c === '<' ? 0 : 1;
      if (/^\d+$/.test(word)) {
        fd = Number(word);
        word = '';
      } else flush();
      const op = /^(>>|>&|>\||>|<&|<|&>>|&>)/.exec(src.slice(i))?.[1] ?? c;
      i += op.length;
      if (op === '>&' || op === '<&') out.push({ kind: 'redir', op: 'dup', fd });
      else if (op === '<') out.push({ kind: 'redir', op: '<', fd });
      else out.push({ kind: 'redir', op: op.endsWith('>>') ? '>>' : '>', fd });
      continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (op) {
      flush();
      out.push({ kind: 'op', op });
      i += op.length;
      continue;
    }
    let end = i + 1;
    if (c === '\\') end = i + 2;
    else if (c === "'") end = closingQuote(src, i + 1, "'");
    else if (c === '"') {
      end = skipDoubleQuoted(src, i + 1);
      if (end > src.length) throw new SyntaxError('unterminated quoted string');
    } else if (src.startsWith('$(', i)) end = skipBalanced(src, i + 2, '(', ')');
    else if (src.startsWith('${', i)) end = skipBalanced(src, i + 2, '{', '}');
    else if (c === '`') end = closingQuote(src, i + 1, '`');
    word += src.slice(i, end);
    i = end;
  }
  flush();
  return out;
}

const LIST_END = new Set(['do', 'done', 'then', 'elif', 'else', 'fi', '}']);

class Parser {
  private pos = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }
  private isWord(text: string): boolean {
    const t = this.peek();
    return t?.kind === 'word' && t.text === text;
  }
  private isOp(op: string): boolean {
    const t = this.peek();
    return t?.kind === 'op' && t.op === op;
  }
  private skipNewlines(): void {
    while (this.isOp('\n') || this.isOp(';;')) this.pos++;
  }
  private expectWord(text: string): void {
    this.skipNewlines();
    if (!this.isWord(text)) throw new SyntaxError(`expected "${text}"`);
    this.pos++;
  }

  atEnd(): boolean {
    this.skipNewlines();
    return this.pos >= this.tokens.length;
  }

  list(): ShellNode {
    const items: { node: ShellNode; background: boolean }[] = [];
    for (;;) {
      this.skipNewlines();
      const t = this.peek();
      if (!t || (t.kind === 'word' && LIST_END.has(t.text)) || (t.kind === 'op' && t.op === ')'))
        break;
      const node = this.andOr();
      const background = this.isOp('&');
      if (background || this.isOp(';') || this.isOp('\n')) this.pos++;
      items.push({ node, background });
    }
    return { type: 'list', items };
  }

  private andOr(): ShellNode {
    const first = this.pipeline();
    const rest: { op: '&&' | '||'; node: ShellNode }[] = [];
    while (this.isOp('&&') || this.isOp('||')) {
      const op = this.isOp('&&') ? '&&' : '||';
      this.pos++;
      this.skipNewlines();
      rest.push({ op, node: this.pipeline() });
    }
    return rest.length === 0 ? first : { type: 'andOr', first, rest };
  }

  private pipeline(): ShellNode {
    const negate = this.isWord('!');
    if (negate) this.pos++;
    const commands = [this.command()];
    while (this.isOp('|')) {
      this.pos++;
      this.skipNewlines();
      commands.push(this.command());
    }
    return commands.length === 1 && !negate && commands[0]
      ? commands[0]
      : { type: 'pipeline', negate, commands };
  }

  private redirects(): Redirect[] {
    const out: Redirect[] = [];
    for (let t = this.peek(); t?.kind === 'redir' || t?.kind === 'heredoc'; t = this.peek()) {
      this.pos++;
      if (t.kind === 'heredoc') {
        out.push({ op: 'heredoc', fd: 0, target: t.text, expands: t.expands });
        continue;
      }
      const target = this.peek();
      if (target?.kind !== 'word') throw new SyntaxError('redirection without a target');
      this.pos++;
      out.push({ op: t.op, fd: t.fd, target: target.text });
    }
    return out;
  }

  private command(): ShellNode {
    const t = this.peek();
    if (t?.kind === 'op' && t.op === '(') {
      this.pos++;
      const body = this.list();
      if (!this.isOp(')')) throw new SyntaxError('expected ")"');
      this.pos++;
      return { type: 'group', subshell: true, body, redirects: this.redirects() };
    }
    if (t?.kind === 'word') {
      if (t.text === 'while' || t.text === 'until') {
        this.pos++;
        const cond = this.list();
        this.expectWord('do');
        const body = this.list();
        this.expectWord('done');
        return { type: 'while', until: t.text === 'until', cond, body };
      }
      if (t.text === 'for') return this.forLoop();
      if (t.text === 'if') return this.ifClause();
      if (t.text === '{') {
        this.pos++;
        const body = this.list();
        this.expectWord('}');
        return { type: 'group', subshell: false, body, redirects: this.redirects() };
      }
    }
    return this.simple();
  }

  private forLoop(): ShellNode {
    this.pos++;
    const name = this.peek();
    if (name?.kind !== 'word') throw new SyntaxError('expected a name after "for"');
    this.pos++;
    let words: string[] | null = null;
    if (this.isWord('in')) {
      this.pos++;
      words = [];
      for (let t = this.peek(); t?.kind === 'word'; t = this.peek()) {
        words.push(t.text);
        this.pos++;
      }
    }
    if (this.isOp(';')) this.pos++;
    this.expectWord('do');
    const body = this.list();
    this.expectWord('done');
    return { type: 'for', name: name.text, words, body };
  }

  private ifClause(): ShellNode {
    this.pos++;
    const clauses: { cond: ShellNode; body: ShellNode }[] = [];
    let elseBody: ShellNode | null = null;
    for (;;) {
      const cond = this.list();
      this.expectWord('then');
      clauses.push({ cond, body: this.list() });
      this.skipNewlines();
      if (this.isWord('elif')) {
        this.pos++;
        continue;
      }
      if (this.isWord('else')) {
        this.pos++;
        elseBody = this.list();
      }
      this.expectWord('fi');
      return { type: 'if', clauses, elseBody };
    }
  }

  private simple(): ShellNode {
    const assigns: [string, string][] = [];
    const words: string[] = [];
    const redirects: Redirect[] = [];
    for (let t = this.peek(); t && t.kind !== 'op'; t = this.peek()) {
      if (t.kind === 'redir' || t.kind === 'heredoc') {
        redirects.push(...this.redirects());
        continue;
      }
      const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(t.text);
      if (m?.[1] && words.length === 0) assigns.push([m[1], t.text.slice(m[0].length)]);
      else words.push(t.text);
      this.pos++;
    }
    if (words.length === 0 && assigns.length === 0 && redirects.length === 0) {
      const t = this.peek();
      throw new SyntaxError(`unexpected ${t?.kind === 'op' ? `"${t.op}"` : 'end of script'}`);
    }
    return { type: 'simple', assigns, words, redirects };
  }
}

/** Parse a script; a syntax error is an answer (the container's shell would print it too). */
export function parseShell(script: string): ParseResult {
  try {
    const parser = new Parser(tokenize(script));
    const node = parser.list();
    if (!parser.atEnd()) return { ok: false, message: 'syntax error: unexpected token' };
    return { ok: true, node };
  } catch (e) {
    if (e instanceof SyntaxError) return { ok: false, message: `syntax error: ${e.message}` };
    throw e;
  }
}
