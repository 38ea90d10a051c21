/**
 * A small JSON reader that keeps positions. `JSON.parse` hides duplicate keys and gives no locations, and
 * policy findings need both: every node records its offset so a JSON pointer can be turned into line/column.
 */

/** A JSON value with the offset (0-based, in UTF-16 units) where it starts in the source text. */
export type JsonNode =
  | { readonly type: 'object'; readonly offset: number; readonly entries: readonly JsonEntry[] }
  | { readonly type: 'array'; readonly offset: number; readonly items: readonly JsonNode[] }
  | { readonly type: 'string'; readonly offset: number; readonly value: string }
  | { readonly type: 'number'; readonly offset: number; readonly value: number; readonly raw: string }
  | { readonly type: 'boolean'; readonly offset: number; readonly value: boolean }
  | { readonly type: 'null'; readonly offset: number };

/** One `"key": value` member of an object, in source order (duplicates kept). */
export interface JsonEntry {
  readonly key: string;
  readonly keyOffset: number;
  readonly value: JsonNode;
}

/** What reading returns: the tree, or the first syntax error with its offset. */
export type JsonReadResult =
  | { readonly ok: true; readonly root: JsonNode }
  | { readonly ok: false; readonly message: string; readonly offset: number };

class JsonSyntaxError {
  constructor(
    readonly message: string,
    readonly offset: number,
  ) {}
}

const MAX_DEPTH = 64;

/** Reads JSON text into a positioned tree. Never throws. */
export function readJson(text: string): JsonReadResult {
  const reader = new Reader(text);
  try {
    reader.skipWhitespace();
    const root = reader.value(0);
    reader.skipWhitespace();
    if (reader.pos < text.length) throw new JsonSyntaxError('unexpected text after the JSON value', reader.pos);
    return { ok: true, root };
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { ok: false, message: error.message, offset: error.offset };
    throw error;
  }
}

class Reader {
  pos = 0;
  constructor(readonly text: string) {}

  skipWhitespace(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.pos++;
      else break;
    }
  }

  value(depth: number): JsonNode {
    if (depth > MAX_DEPTH) throw new JsonSyntaxError('JSON nested too deeply', this.pos);
    const t = this.text;
    const start = this.pos;
    const c = t[start];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') return { type: 'string', offset: start, value: this.string() };
    if (t.startsWith('true', start)) {
      this.pos += 4;
      return { type: 'boolean', offset: start, value: true };
    }
    if (t.startsWith('false', start)) {
      this.pos += 5;
      return { type: 'boolean', offset: start, value: false };
    }
    if (t.startsWith('null', start)) {
      this.pos += 4;
      return { type: 'null', offset: start };
    }
    const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    m.lastIndex = start;
    const found = m.exec(t);
    if (found !== null && found[0].length > 0) {
      this.pos += found[0].length;
      return { type: 'number', offset: start, value: Number(found[0]), raw: found[0] };
    }
    if (start >= t.length) throw new JsonSyntaxError('unexpected end of text', start);
    throw new JsonSyntaxError(`unexpected character \`${c}\``, start);
  }

  object(depth: number): JsonNode {
    const offset = this.pos++;
    const entries: JsonEntry[] = [];
    this.skipWhitespace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return { type: 'object', offset, entries };
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.pos] !== '"') throw this.expected('a quoted key');
      const keyOffset = this.pos;
      const key = this.string();
      this.skipWhitespace();
      if (this.text[this.pos] !== ':') throw this.expected('`:`');
      this.pos++;
      this.skipWhitespace();
      const value = this.value(depth + 1);
      entries.push({ key, keyOffset, value });
      this.skipWhitespace();
      const c = this.text[this.pos];
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === '}') {
        this.pos++;
        return { type: 'object', offset, entries };
      }
      throw this.expected('`,` or `}`');
    }
  }

  array(depth: number): JsonNode {
    const offset = this.pos++;
    const items: JsonNode[] = [];
    this.skipWhitespace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return { type: 'array', offset, items };
    }
    for (;;) {
      this.skipWhitespace();
      items.push(this.value(depth + 1));
      this.skipWhitespace();
      const c = this.text[this.pos];
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === ']') {
        this.pos++;
        return { type: 'array', offset, items };
      }
      throw this.expected('`,` or `]`');
    }
  }

  string(): string {
    const t = this.text;
    let i = this.pos + 1;
    let out = '';
    let chunkStart = i;
    for (;;) {
      if (i >= t.length) throw new JsonSyntaxError('unterminated string', this.pos);
      const c = t.charCodeAt(i);
      if (c === 34) break;
      if (c < 0x20) throw new JsonSyntaxError('control character in string', i);
      if (c === 92) {
        out += t.slice(chunkStart, i);
        const e = t[i + 1];
        const simple: Record<string, string> = {
          '"': '"',
          '\\': '\\',
          '/': '/',
          b: '\b',
          f: '\f',
          n: '\n',
          r: '\r',
          t: '\t',
        };
        if (e !== undefined && simple[e] !== undefined) {
          out += simple[e];
          i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(t.slice(i + 2, i + 6))) {
          out += String.fromCharCode(Number.parseInt(t.slice(i + 2, i + 6), 16));
          i += 6;
        } else {
          throw new JsonSyntaxError('invalid escape in string', i);
        }
        chunkStart = i;
        continue;
      }
      i++;
    }
    out += t.slice(chunkStart, i);
    this.pos = i + 1;
    return out;
  }

  expected(what: string): JsonSyntaxError {
    const c = this.text[this.pos];
    const got = c === undefined ? 'end of text' : `\`${c}\``;
    return new JsonSyntaxError(`expected ${what} but found ${got}`, this.pos);
  }
}

/** Converts an offset to a 1-based line and column. */
export function lineColumnOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/** Counts the characters that count toward IAM policy size: everything except whitespace outside strings. */
export function policySizeOf(text: string): number {
  let size = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      size++;
      if (c === 92) {
        size++;
        i++;
      } else if (c === 34) inString = false;
    } else if (c === 32 || c === 9 || c === 10 || c === 13) {
      // whitespace between tokens does not count
    } else {
      size++;
      if (c === 34) inString = true;
    }
  }
  return size;
}

/** Escapes one JSON-pointer reference token (RFC 6901). */
export function pointerToken(key: string | number): string {
  return String(key).replaceAll('~', '~0').replaceAll('/', '~1');
}
