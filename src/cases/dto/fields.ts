/**
 * One decorator per kind of field, each applying the validation and the OpenAPI description
 * together: written separately, the two drift apart (a field documented as optional but refused
 * when absent, a maxLength in the docs that the validator does not enforce).
 */
import { applyDecorators, type Type as ClassType } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsUUID, ValidateIf, ValidateNested } from 'class-validator';
import {
  INSTANT_EXAMPLE,
  IsDateOrInstant,
  IsFreeText,
  IsInstantWithOffset,
  IsIntInRange,
  IsJsonObject,
  IsOmittable,
  IsOneOf,
  IsOneOfList,
  IsPresent,
  IsReference,
  IsSlug,
  IsStringList,
  SLUG_PATTERN,
} from './validators';

export const MAX_FREE_TEXT = 4000;
export const MAX_REFERENCE = 200;
export const MAX_SLUG = 100;
export const MAX_LIST_ITEMS = 50;

export interface FieldOptions {
  description: string;
  example?: unknown;
  /** May be left out (but, when given, must be valid and not null). */
  optional?: boolean;
  /** Optional unless `when` holds for the object; `because` finishes "x is required ...". */
  requiredWhen?: { when: (object: never) => boolean; because: string };
}

type Schema = ApiPropertyOptions;

function field(opts: FieldOptions, schema: Schema, ...checks: PropertyDecorator[]): PropertyDecorator {
  const documented = { description: opts.description, example: opts.example, ...schema } as ApiPropertyOptions;
  if (opts.requiredWhen) {
    const { when, because } = opts.requiredWhen;
    return applyDecorators(
      ValidateIf((object: unknown, value: unknown) => value !== undefined || when(object as never)),
      IsPresent(because),
      ApiPropertyOptional(documented),
      ...checks,
    );
  }
  // IsPresent is skipped for an absent field (IsOmittable), so what it still catches is null.
  if (opts.optional) return applyDecorators(IsOmittable(), IsPresent(), ApiPropertyOptional(documented), ...checks);
  return applyDecorators(IsPresent(), ApiProperty(documented), ...checks);
}

// @nestjs/swagger gives a named enum the description of the first property that uses it; an enum
// shared by several properties gets its own, or "The agency that reported" would describe Agency.
const SHARED_ENUM_DESCRIPTIONS: Record<string, string> = {
  Agency: 'An agency the police work with on a case.',
  Sex: 'Sex, as recorded.',
  Ethnicity: 'ONS 2021 ethnic group; not-stated when the person declined or was not asked.',
  ContactMethod: 'How someone was contacted.',
};

function enumSchema(values: readonly string[], enumName: string): Schema {
  const description = SHARED_ENUM_DESCRIPTIONS[enumName];
  return { enum: [...values], enumName, ...(description ? { enumSchema: { description } } : {}) } as Schema;
}

/** A value of one of the catalogue's enumerations; `enumName` makes it one reusable schema. */
export function EnumField(values: readonly string[], enumName: string, opts: FieldOptions): PropertyDecorator {
  return field(opts, enumSchema(values, enumName), IsOneOf(values));
}

export function EnumListField(values: readonly string[], enumName: string, itemName: string, opts: FieldOptions): PropertyDecorator {
  return field(
    opts,
    { ...enumSchema(values, enumName), isArray: true, minItems: 1, uniqueItems: true } as Schema,
    IsOneOfList(values, { minItems: 1, itemName }),
  );
}

export function ReferenceField(opts: FieldOptions): PropertyDecorator {
  return field(opts, { type: String, minLength: 1, maxLength: MAX_REFERENCE }, IsReference(MAX_REFERENCE));
}

export function FreeTextField(opts: FieldOptions): PropertyDecorator {
  return field(opts, { type: String, maxLength: MAX_FREE_TEXT }, IsFreeText(MAX_FREE_TEXT, { allowBlank: opts.optional === true }));
}

export function SlugField(opts: FieldOptions): PropertyDecorator {
  return field(opts, { type: String, pattern: SLUG_PATTERN, maxLength: MAX_SLUG }, IsSlug(MAX_SLUG));
}

export function StringListField(opts: FieldOptions): PropertyDecorator {
  return field(
    opts,
    { type: String, isArray: true, maxItems: MAX_LIST_ITEMS, items: { type: 'string', minLength: 1, maxLength: MAX_REFERENCE } },
    IsStringList({ maxItems: MAX_LIST_ITEMS, maxLength: MAX_REFERENCE }),
  );
}

export function BooleanField(opts: FieldOptions): PropertyDecorator {
  return field(opts, { type: Boolean }, IsBoolean({ message: '$property must be true or false' }));
}

export function IntField(min: number, max: number, opts: FieldOptions): PropertyDecorator {
  return field(opts, { type: 'integer', minimum: min, maximum: max }, IsIntInRange(min, max));
}

/**
 * An event id, or a client-chosen id that makes a retry idempotent. Any UUID version. Lower-cased,
 * as the route parameters are: UUIDs are case-insensitive, stream names and id lookups are not.
 */
export function UuidField(opts: FieldOptions): PropertyDecorator {
  return field(
    opts,
    { type: String, format: 'uuid' },
    IsUUID('all', { message: '$property must be a UUID' }),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value)),
  );
}

export function InstantField(opts: FieldOptions): PropertyDecorator {
  return field(opts, { type: String, format: 'date-time', example: opts.example ?? INSTANT_EXAMPLE }, IsInstantWithOffset());
}

export function DateOrInstantField(opts: FieldOptions): PropertyDecorator {
  return field(
    opts,
    {
      oneOf: [
        { type: 'string', format: 'date' },
        { type: 'string', format: 'date-time' },
      ],
    },
    IsDateOrInstant(),
  );
}

/** A nested object validated by its own DTO class; a non-object reports only itself. */
export function NestedField(cls: () => ClassType<object>, opts: FieldOptions): PropertyDecorator {
  // The arrow must be written inline: @nestjs/swagger recognises a lazy type by the name "type".
  return field(opts, { type: () => cls() }, IsJsonObject(), ValidateNested(), Type(cls));
}

/** A JSON object whose fields are checked elsewhere (they depend on another field). */
export function JsonObjectField(opts: FieldOptions & { nonEmpty?: boolean }): PropertyDecorator {
  return field(opts, { type: 'object', additionalProperties: true }, IsJsonObject({ nonEmpty: opts.nonEmpty }));
}
