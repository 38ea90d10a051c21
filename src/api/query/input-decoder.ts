import { IamError } from '../../shared/index.ts';
import type { Fields, InferFields, Shape, StructShape } from './shapes.ts';

/** Parameters that belong to the protocol, not to an action's input. */
function isProtocolParameter(name: string): boolean {
  return name === 'Action' || name === 'Version' || name.startsWith('X-Amz-');
}

function lowerCamel(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function quoted(value: string): string {
  return `'${value.length > 256 ? `${value.slice(0, 256)}...` : value}'`;
}

class Decoding {
  readonly used = new Set<string>();
  readonly violations: string[] = [];
  constructor(readonly params: Map<string, string>) {}

  take(key: string): string | undefined {
    const value = this.params.get(key);
    if (value !== undefined) this.used.add(key);
    return value;
  }

  /** Any parameter at `key` or below it (`key.…`). */
  present(key: string): boolean {
    if (this.params.has(key)) return true;
    const prefix = `${key}.`;
    for (const name of this.params.keys()) if (name.startsWith(prefix)) return true;
    return false;
  }

  value(shape: Shape, key: string, where: string): unknown {
    switch (shape.kind) {
      case 'string':
        return this.take(key);
      case 'integer': {
        const raw = this.take(key);
        if (raw === undefined) return undefined;
        if (!/^-?\d{1,15}$/.test(raw)) {
          this.violations.push(
            `Value ${quoted(raw)} at '${where}' failed to satisfy constraint: Member must be a number`,
          );
          return undefined;
        }
        return Number(raw);
      }
      case 'boolean': {
        const raw = this.take(key);
        if (raw === undefined) return undefined;
        const lower = raw.toLowerCase();
        if (lower !== 'true' && lower !== 'false') {
          this.violations.push(
            `Value ${quoted(raw)} at '${where}' failed to satisfy constraint: Member must be true or false`,
          );
          return undefined;
        }
        return lower === 'true';
      }
      case 'enum': {
        const raw = this.take(key);
        if (raw === undefined || shape.values.includes(raw)) return raw;
        this.violations.push(
          `Value ${quoted(raw)} at '${where}' failed to satisfy constraint: Member must satisfy enum value set: [${shape.values.join(', ')}]`,
        );
        return undefined;
      }
      case 'list':
        return this.list(shape.member, key, where);
      case 'structure':
        return this.present(key) ? this.fields(shape.fields, `${key}.`, `${where}.`) : undefined;
    }
  }

  list(member: Shape, key: string, where: string): unknown[] | undefined {
    const whole = this.take(key);
    const prefix = `${key}.member.`;
    const indexes = new Set<number>();
    for (const name of this.params.keys()) {
      if (!name.startsWith(prefix)) continue;
      const rest = name.slice(prefix.length);
      const dot = rest.indexOf('.');
      const index = dot < 0 ? rest : rest.slice(0, dot);
      if (/^[1-9]\d{0,4}$/.test(index)) indexes.add(Number(index));
    }
    if (indexes.size === 0) {
      // `Name=` is the empty list; botocore sends it for [] (api-surface.md, parameter flattening).
      if (whole === '') return [];
      if (whole !== undefined) {
        this.violations.push(
          `Value ${quoted(whole)} at '${where}' failed to satisfy constraint: Member must be a list`,
        );
      }
      return undefined;
    }
    return [...indexes].sort((a, b) => a - b).map((i) => this.value(member, `${prefix}${i}`, `${where}.${i}.member`));
  }

  fields(fields: Fields, prefix: string, where: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [name, field] of Object.entries(fields)) {
      const member = `${where}${lowerCamel(name)}`;
      const value = this.value(field.shape, `${prefix}${name}`, member);
      if (value !== undefined) out[name] = value;
      else if (field.required && !this.present(`${prefix}${name}`)) {
        this.violations.push(`Value null at '${member}' failed to satisfy constraint: Member must not be null`);
      }
    }
    return out;
  }
}

/**
 * Decodes Query parameters into an action's input, named as in the AWS API. Missing required members and
 * mistyped values give one ValidationError listing every violation in AWS's wording; a parameter the action does
 * not have gives InvalidParameterValue (never silently ignored).
 */
export function decodeInput<F extends Fields>(shape: StructShape<F>, params: Map<string, string>): InferFields<F> {
  const decoding = new Decoding(params);
  const input = decoding.fields(shape.fields, '', '');
  const { violations } = decoding;
  if (violations.length > 0) {
    const count = violations.length === 1 ? '1 validation error' : `${violations.length} validation errors`;
    throw new IamError('ValidationError', `${count} detected: ${violations.join('; ')}`);
  }
  for (const name of params.keys()) {
    if (!decoding.used.has(name) && !isProtocolParameter(name)) {
      throw new IamError('InvalidParameterValue', `The parameter ${name} is not recognized for this action.`);
    }
  }
  return input as InferFields<F>;
}
