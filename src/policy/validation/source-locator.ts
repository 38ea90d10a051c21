/** 1-based position of a JSON node in the source text. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/** Finds where a JSON pointer sits in the source text, falling back to the nearest ancestor that exists. */
export interface SourceLocator {
  locate(pointer: string): SourcePosition | undefined;
}

/**
 * Builds a locator by scanning JSON text once. Object members are located at their key (where a reader looks),
 * array elements at their value. Tolerant: on malformed text it records what it saw and stops, never throws.
 */
export function sourceLocator(text: string): SourceLocator {
  const positions = new Map<string, number>();
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  let i = 0;

  const skipSpace = (): void => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const readString = (): string | undefined => {
    if (text[i] !== '"') return undefined;
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      return undefined;
    }
  };
  const value = (pointer: string, depth: number): boolean => {
    skipSpace();
    if (!positions.has(pointer)) positions.set(pointer, i);
    if (depth > 64) return false;
    const c = text[i];
    if (c === '{') {
      i++;
      skipSpace();
      if (text[i] === '}') return i++ >= 0;
      for (;;) {
        skipSpace();
        const keyAt = i;
        const key = readString();
        if (key === undefined) return false;
        const child = `${pointer}/${escapePointer(key)}`;
        positions.set(child, keyAt);
        skipSpace();
        if (text[i] !== ':') return false;
        i++;
        skipSpace();
        if (!value(child, depth + 1)) return false;
        positions.set(child, keyAt);
        skipSpace();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return i++ >= 0;
        else return false;
      }
    }
    if (c === '[') {
      i++;
      skipSpace();
      if (text[i] === ']') return i++ >= 0;
      for (let index = 0; ; index++) {
        if (!value(`${pointer}/${index}`, depth + 1)) return false;
        skipSpace();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return i++ >= 0;
        else return false;
      }
    }
    if (c === '"') return readString() !== undefined;
    const scalar = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 64));
    if (!scalar) return false;
    i += scalar[0].length;
    return true;
  };
  value('', 0);

  const toPosition = (offset: number): SourcePosition => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
  };

  return {
    locate(pointer: string): SourcePosition | undefined {
      let p = pointer;
      for (;;) {
        const offset = positions.get(p);
        if (offset !== undefined) return toPosition(offset);
        if (p === '') return undefined;
        p = p.slice(0, p.lastIndexOf('/'));
      }
    },
  };
}

/** Escapes one reference token of a JSON pointer (RFC 6901). */
export function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}
