import { Type, type SchemaOptions, type TSchema, type TUnsafe } from '@sinclair/typebox'

/**
 * A string from a fixed list, as a plain JSON Schema `enum`: TypeBox's own unions of literals
 * become `anyOf` lists that AJV reports as one error per literal.
 */
export function StringEnum<const Values extends readonly string[]>(values: Values, options: SchemaOptions = {}): TUnsafe<Values[number]> {
  return Type.Unsafe<Values[number]>({ ...options, type: 'string', enum: [...values] })
}

/** Text without control characters (tab and newline allowed), as a JSON Schema pattern. */
export const NO_CONTROL_CHARACTERS = '^[^\\u0000-\\u0008\\u000B-\\u001F\\u007F]*$'

/** The schema, or null. */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])
