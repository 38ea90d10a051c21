/**
 * Input shapes of Query actions, written once as data; the TypeScript type of a decoded input is derived from
 * the shape (`InferShape`), so a handler's call into a service is type-checked against the service's input type.
 */

/** A scalar member: text, a decimal integer or `true`/`false`. */
export interface ScalarShape<K extends 'string' | 'integer' | 'boolean' = 'string' | 'integer' | 'boolean'> {
  readonly kind: K;
}
/** A non-flattened Query list: `Name.member.N` (N from 1), or `Name=` for the empty list. */
export interface ListShape<M extends Shape = Shape> {
  readonly kind: 'list';
  readonly member: M;
}
/** A structure: `Parent.Member`. */
export interface StructShape<F extends Fields = Fields> {
  readonly kind: 'structure';
  readonly fields: F;
}
/** A string restricted to an enum value set (`Active`/`Inactive`). */
export interface EnumShape<V extends string = string> {
  readonly kind: 'enum';
  readonly values: readonly V[];
}
/** Any input shape. */
export type Shape = ScalarShape | EnumShape | ListShape<Shape> | StructShape<Fields>;
/** A structure member and whether AWS requires it. */
export interface Field<S extends Shape = Shape, R extends boolean = boolean> {
  readonly shape: S;
  readonly required: R;
}
/** The members of a structure, by their AWS names. */
export type Fields = { readonly [name: string]: Field };

/** The decoded value of a shape. */
export type InferShape<S> =
  S extends ScalarShape<'string'>
    ? string
    : S extends ScalarShape<'integer'>
      ? number
      : S extends ScalarShape<'boolean'>
        ? boolean
        : S extends EnumShape<infer V>
          ? V
          : S extends ListShape<infer M>
            ? InferShape<M>[]
            : S extends StructShape<infer F>
              ? InferFields<F>
              : never;

type RequiredKeys<F extends Fields> = { [K in keyof F]: F[K] extends Field<Shape, true> ? K : never }[keyof F];
type OptionalKeys<F extends Fields> = Exclude<keyof F, RequiredKeys<F>>;
type Simplify<T> = { [K in keyof T]: T[K] };
/** The decoded value of a structure's members: required members present, the others optional. */
export type InferFields<F extends Fields> = Simplify<
  { [K in RequiredKeys<F>]: InferShape<F[K]['shape']> } & { [K in OptionalKeys<F>]?: InferShape<F[K]['shape']> }
>;

/** A string member. */
export const str: ScalarShape<'string'> = { kind: 'string' };
/** An integer member. */
export const int: ScalarShape<'integer'> = { kind: 'integer' };
/** A boolean member. */
export const bool: ScalarShape<'boolean'> = { kind: 'boolean' };
/** A string from a fixed value set. */
export function oneOf<const V extends string>(...values: V[]): EnumShape<V> {
  return { kind: 'enum', values };
}
/** A list of `member`. */
export function list<M extends Shape>(member: M): ListShape<M> {
  return { kind: 'list', member };
}
/** A structure. */
export function struct<F extends Fields>(fields: F): StructShape<F> {
  return { kind: 'structure', fields };
}
/** A member the caller may leave out. */
export function optional<S extends Shape>(shape: S): Field<S, false> {
  return { shape, required: false };
}
/** A member AWS requires (missing → ValidationError "Member must not be null"). */
export function required<S extends Shape>(shape: S): Field<S, true> {
  return { shape, required: true };
}

/** `Tag` of the IAM model: `{ Key, Value }`, both required. */
export const tag = struct({ Key: required(str), Value: required(str) });
/** `Marker` and `MaxItems`, shared by every paginated operation. */
export const paging = { Marker: optional(str), MaxItems: optional(int) } as const;
