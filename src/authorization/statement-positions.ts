/** A 1-based line and column in a policy's JSON text (AWS's `Position`). */
export interface TextPosition {
  readonly Line: number;
  readonly Column: number;
}

/** Where one statement starts and ends in the text. */
export interface StatementSpan {
  readonly start: TextPosition;
  readonly end: TextPosition;
}

/**
 * The span of each statement of a policy's text, by statement index: the elements of a top-level `Statement`
 * array, or the single `Statement` object. Tolerant: text it cannot follow yields fewer spans, never a throw.
 */
export function statementSpans(text: string): StatementSpan[] {
  let line = 1;
  let column = 1;
  let i = 0;
  const here = (): TextPosition => ({ Line: line, Column: column });
  const step = (): void => {
    if (text.charCodeAt(i) === 10) {
      line++;
      column = 1;
    } else column++;
    i++;
  };
  const space = (): void => {
    while (i < text.length && /\s/.test(text[i]!)) step();
  };
  const string = (): string | undefined => {
    if (text[i] !== '"') return undefined;
    const from = i;
    step();
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') step();
      step();
    }
    step();
    try {
      return JSON.parse(text.slice(from, i)) as string;
    } catch {
      return undefined;
    }
  };
  /** Skips one JSON value of any kind, tracking positions. */
  const skipValue = (): boolean => {
    space();
    const c = text[i];
    if (c === '"') return string() !== undefined;
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      step();
      space();
      if (text[i] === close) {
        step();
        return true;
      }
      for (;;) {
        if (c === '{') {
          space();
          if (string() === undefined) return false;
          space();
          if (text[i] !== ':') return false;
          step();
        }
        if (!skipValue()) return false;
        space();
        if (text[i] === ',') step();
        else if (text[i] === close) {
          step();
          return true;
        } else return false;
      }
    }
    const from = i;
    while (i < text.length && /[^\s,}\]]/.test(text[i]!)) step();
    return i > from;
  };
  const spanOfValue = (): StatementSpan | undefined => {
    space();
    const start = here();
    if (!skipValue()) return undefined;
    // AWS's EndPosition is the column just past the statement's closing brace.
    return { start, end: here() };
  };

  space();
  if (text[i] !== '{') return [];
  step();
  for (;;) {
    space();
    const key = string();
    if (key === undefined) return [];
    space();
    if (text[i] !== ':') return [];
    step();
    space();
    if (key === 'Statement') {
      if (text[i] !== '[') {
        const one = spanOfValue();
        return one === undefined ? [] : [one];
      }
      step();
      const spans: StatementSpan[] = [];
      for (;;) {
        space();
        if (text[i] === ']') return spans;
        const span = spanOfValue();
        if (span === undefined) return spans;
        spans.push(span);
        space();
        if (text[i] === ',') step();
      }
    }
    if (!skipValue()) return [];
    space();
    if (text[i] === ',') step();
    else return [];
  }
}
