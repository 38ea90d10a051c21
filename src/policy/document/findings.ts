import type { Finding } from './types.ts';
import { lineColumnOf } from './json-tree.ts';

/** A parse finding plus the AWS `MalformedPolicyDocument` wording for it. */
export interface ParseProblem {
  readonly finding: Finding;
  readonly awsMessage: string;
}

/** Collects parse errors with their locations; shared by the document and statement readers. */
export class ProblemCollector {
  readonly problems: ParseProblem[] = [];
  readonly #text: string;

  constructor(text: string) {
    this.#text = text;
  }

  /** Records an error at `pointer`, located at `offset` in the source text. */
  error(code: string, message: string, pointer: string, offset: number, awsMessage: string): void {
    const { line, column } = lineColumnOf(this.#text, offset);
    this.problems.push({
      finding: { kind: 'finding', severity: 'error', code, message, pointer, line, column },
      awsMessage,
    });
  }
}
