import type { ContextValues } from '../matching/context.ts';

/** One compiled policy value of a condition: tests one request value. Built once, called per request. */
export type ValueTest = (requestValue: string, context: ContextValues) => boolean;

/** Compiles one policy value for an operator family; undefined when the value is not valid for it. */
export type ValueCompiler = (policyValue: string, variablesEnabled: boolean) => ValueTest | undefined;
