/**
 * Custom class-validator decorators for the event catalogue. Each check computes one message that
 * says what is wrong with the value and what a good one looks like, because an API user reads
 * these messages in the `errors` of a 400 and should not need the source to fix the request.
 *
 * The plain `*Problem` functions are exported too, so that other inputs (query strings such as
 * `asOf`) can apply the same rules outside class-validator.
 */
import { DateTime } from 'luxon';
import { IsDefined, ValidateBy, ValidateIf, type ValidationArguments, type ValidationOptions } from 'class-validator';

/** Constraint names that validate.ts relies on when it turns errors into messages. */
export const CONSTRAINT = {
  present: 'isDefined',
  jsonObject: 'isJsonObject',
  list: 'isList',
} as const;

export const INSTANT_EXAMPLE = '2024-03-01T10:15:00Z';

// Extended format only (RFC 3339 style): ordinal and week dates, lower-case designators or a space
// for the T are all valid ISO 8601 that luxon would read, but nobody means them in a case record,
// and a second spelling of the same instant only makes stored data harder to compare.
const INSTANT_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2})(?::?(\d{2}))?)$/;
const LOCAL_DATE_TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
// The widest offsets in use are -12:00 and +14:00; ±18:00 is the limit RFC 3339 tools accept.
const MAX_OFFSET_HOURS = 18;

/** Length in characters as JSON Schema's maxLength counts them (code points, not UTF-16 units). */
function lengthOf(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

function shown(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

/** Days in a month of the proleptic Gregorian calendar, as luxon (and ISO 8601) count them. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isRealInstant(match: RegExpExecArray): boolean {
  const hour = Number(match[4]);
  const offsetHours = match[8] === undefined ? 0 : Number(match[8]);
  const offsetMinutes = match[9] === undefined ? 0 : Number(match[9]);
  // luxon reads 24:00 as the next midnight and +01:75 as an offset of 135 minutes: both are typos
  // far more often than intent, so they are refused here rather than silently normalised.
  if (hour > 23 || offsetHours > MAX_OFFSET_HOURS || offsetMinutes > 59) return false;
  // The pattern has split the value already: what is left is the calendar check luxon makes of
  // those fields (a 30 February, a minute 60; no leap seconds), done here without building a
  // DateTime for every entry of every request. A fraction of a second is always valid.
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const minute = Number(match[5]);
  const second = match[6] === undefined ? 0 : Number(match[6]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && minute <= 59 && second <= 59;
}

/** Why `value` is not an ISO 8601 date-time with an offset or Z, or undefined when it is one. */
export function instantWithOffsetProblem(value: unknown, name: string): string | undefined {
  const expected = () => `${name} must be an ISO 8601 date-time with an offset or Z, e.g. ${INSTANT_EXAMPLE}`;
  if (typeof value !== 'string') return expected();
  const match = INSTANT_RE.exec(value);
  if (match) {
    return isRealInstant(match) ? undefined : `${name} is not a real calendar date-time: ${shown(value)}`;
  }
  if (LOCAL_DATE_TIME_RE.test(value)) {
    return (
      `${name} must carry an offset or Z, e.g. ${INSTANT_EXAMPLE} or 2024-03-01T10:15:00+01:00: ` +
      `a local time without one is ambiguous`
    );
  }
  if (DATE_RE.test(value)) return `${name} must be a date-time, not only a date, e.g. ${INSTANT_EXAMPLE}`;
  return expected();
}

/** Why `value` is neither a calendar date (YYYY-MM-DD) nor an instant with an offset, or undefined. */
export function dateOrInstantProblem(value: unknown, name: string): string | undefined {
  const expected =
    `${name} must be a date (YYYY-MM-DD) or an ISO 8601 date-time with an offset or Z, ` +
    `e.g. 2024-06-01 or 2024-06-01T17:00:00+01:00`;
  if (typeof value !== 'string') return expected;
  if (DATE_RE.test(value)) {
    return DateTime.fromISO(value).isValid ? undefined : `${name} is not a real calendar date: ${shown(value)}`;
  }
  if (INSTANT_RE.test(value) || LOCAL_DATE_TIME_RE.test(value)) return instantWithOffsetProblem(value, name);
  return expected;
}

export function isInstantWithOffset(value: unknown): value is string {
  return instantWithOffsetProblem(value, 'value') === undefined;
}

export function isDateOrInstant(value: unknown): value is string {
  return dateOrInstantProblem(value, 'value') === undefined;
}

/** Builds a decorator from a function that explains what is wrong, so check and message agree. */
function checkedBy(
  name: string,
  problem: (value: unknown, property: string, args: ValidationArguments) => string | undefined,
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name,
      validator: {
        validate: (value: unknown, args?: ValidationArguments) => problem(value, args?.property ?? '', args!) === undefined,
        defaultMessage: (args?: ValidationArguments) => problem(args?.value, args?.property ?? '', args!) ?? '',
      },
    },
    options,
  );
}

/** An ISO 8601 date-time with an offset or Z; seconds and fraction optional; a real instant. */
export function IsInstantWithOffset(options?: ValidationOptions): PropertyDecorator {
  return checkedBy('isInstantWithOffset', (v, p) => instantWithOffsetProblem(v, p), options);
}

/** A calendar date (YYYY-MM-DD), or an instant as IsInstantWithOffset. */
export function IsDateOrInstant(options?: ValidationOptions): PropertyDecorator {
  return checkedBy('isDateOrInstant', (v, p) => dateOrInstantProblem(v, p), options);
}

function shortStringProblem(value: unknown, name: string, maxLength: number): string | undefined {
  if (typeof value !== 'string') return `${name} must be a string`;
  if (value.trim() === '') return `${name} must not be empty or blank`;
  // References are matched exactly ("S-01 " is not the suspect "S-01"), and trimming them here
  // would change what the client sent without a word, so stray spaces are refused instead.
  if (value.trim() !== value) return `${name} must not start or end with spaces`;
  if (lengthOf(value) > maxLength) return `${name} must be at most ${maxLength} characters long (it has ${lengthOf(value)})`;
  return undefined;
}

/** A reference or short name (crimeRef, suspectRef, area...): a string with more than blanks. */
export function IsReference(maxLength = 200, options?: ValidationOptions): PropertyDecorator {
  return checkedBy('isReference', (v, p) => shortStringProblem(v, p, maxLength), options);
}

/**
 * Free text (summary, notes, rationale...). An optional one may be empty; a required one (the
 * reason of a correction) may not, or the requirement would mean nothing.
 */
export function IsFreeText(maxLength = 4000, opts: { allowBlank: boolean }, options?: ValidationOptions): PropertyDecorator {
  return checkedBy(
    'isFreeText',
    (v, p) => {
      if (typeof v !== 'string') return `${p} must be a string`;
      if (!opts.allowBlank && v.trim() === '') return `${p} must not be empty or blank`;
      if (lengthOf(v) > maxLength) return `${p} must be at most ${maxLength} characters long (it has ${lengthOf(v)})`;
      return undefined;
    },
    options,
  );
}

export const SLUG_PATTERN = '^[a-z0-9]+(-[a-z0-9]+)*$';
const SLUG_RE = new RegExp(SLUG_PATTERN);

/** A lower-case kebab-case identifier such as a force: west-yorkshire. */
export function IsSlug(maxLength = 100, options?: ValidationOptions): PropertyDecorator {
  return checkedBy(
    'isSlug',
    (v, p) => {
      const expected = `${p} must be lower-case letters and digits in words joined by single hyphens, e.g. west-yorkshire`;
      if (typeof v !== 'string') return expected;
      if (lengthOf(v) > maxLength) return `${p} must be at most ${maxLength} characters long (it has ${lengthOf(v)})`;
      return SLUG_RE.test(v) ? undefined : expected;
    },
    options,
  );
}

/** An integer in [min, max]: one message instead of class-validator's three for one bad value. */
export function IsIntInRange(min: number, max: number, options?: ValidationOptions): PropertyDecorator {
  return checkedBy(
    'isIntInRange',
    (v, p) => (Number.isInteger(v) && (v as number) >= min && (v as number) <= max ? undefined : `${p} must be a whole number from ${min} to ${max}`),
    options,
  );
}

/** One of a fixed list of values; the message lists them so the user can pick one. */
export function IsOneOf(values: readonly string[], options?: ValidationOptions): PropertyDecorator {
  return checkedBy(
    'isIn',
    (v, p) => (typeof v === 'string' && values.includes(v) ? undefined : `${p} must be one of: ${values.join(', ')}`),
    options,
  );
}

function listItemsProblem(
  value: unknown,
  property: string,
  maxItems: number,
  itemProblem: (item: unknown, name: string) => string | undefined,
): string | undefined {
  if (!Array.isArray(value)) return `${property} must be a list`;
  if (value.length > maxItems) return `${property} must have at most ${maxItems} items (it has ${value.length})`;
  const problems = value.map((item, i) => itemProblem(item, `${property}[${i}]`)).filter((m) => m !== undefined);
  return problems.length ? problems.join('; ') : undefined;
}

/** A list of short strings (indicators, offences): each non-blank, bounded in count and length. */
export function IsStringList(opts: { maxItems: number; maxLength: number }, options?: ValidationOptions): PropertyDecorator {
  return checkedBy(
    'isStringList',
    (v, p) =>
      listItemsProblem(v, p, opts.maxItems, (item, name) => shortStringProblem(item, name, opts.maxLength)),
    options,
  );
}

/** A list of distinct values from `values`, at least `minItems` of them (e.g. agencies). */
export function IsOneOfList(
  values: readonly string[],
  opts: { minItems: number; itemName: string },
  options?: ValidationOptions,
): PropertyDecorator {
  return checkedBy(
    'isOneOfList',
    (v, p) => {
      if (Array.isArray(v) && v.length < opts.minItems) {
        return `${p} must list at least ${opts.minItems === 1 ? 'one' : opts.minItems} ${opts.itemName}`;
      }
      // A value can only appear once, so the allowed list bounds the length.
      const problem = listItemsProblem(v, p, values.length, (item, name) =>
        typeof item === 'string' && values.includes(item) ? undefined : `${name} must be one of: ${values.join(', ')}`,
      );
      if (problem) return problem;
      const repeated = (v as string[]).filter((item, i, all) => all.indexOf(item) !== i);
      return repeated.length ? `${p} lists ${[...new Set(repeated)].join(', ')} more than once` : undefined;
    },
    options,
  );
}

/** A JSON object (not an array, not null), optionally with at least one field. */
export function IsJsonObject(opts: { nonEmpty?: boolean } = {}, options?: ValidationOptions): PropertyDecorator {
  return checkedBy(
    CONSTRAINT.jsonObject,
    (v, p) => {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return `${p} must be a JSON object`;
      if (opts.nonEmpty && Object.keys(v).length === 0) return `${p} must name at least one field`;
      return undefined;
    },
    options,
  );
}

/** A list of nested objects, bounded in count (the objects themselves are checked by their DTO). */
export function IsBoundedList(opts: { minItems: number; maxItems: number; itemName: string; itemsName: string }): PropertyDecorator {
  const shape = checkedBy(CONSTRAINT.list, (v, p) => (Array.isArray(v) ? undefined : `${p} must be a list of ${opts.itemsName}`));
  const size = checkedBy('listSize', (v, p) => {
    if (!Array.isArray(v)) return undefined;
    if (v.length < opts.minItems) {
      return opts.minItems === 1 ? `${p} must have at least one ${opts.itemName}` : `${p} must have at least ${opts.minItems} ${opts.itemsName}`;
    }
    if (v.length > opts.maxItems) return `${p} must have at most ${opts.maxItems} ${opts.itemsName} (it has ${v.length})`;
    return undefined;
  });
  return (target: object, property: string | symbol) => {
    shape(target, property);
    size(target, property);
  };
}

/**
 * Required: present and not null. The message is the only one reported for a missing field
 * (validate.ts drops the others), so it can be specific: "agency is required when with is agency".
 */
export function IsPresent(whyRequired?: string): PropertyDecorator {
  return IsDefined({
    message: (args: ValidationArguments) =>
      args.value === null ? `${args.property} must not be null` : `${args.property} is required${whyRequired ? ` ${whyRequired}` : ''}`,
  });
}

/**
 * Optional, but when present it must be valid. class-validator's IsOptional would also let `null`
 * through, which would then be stored as a value of a field whose type does not allow it.
 */
export function IsOmittable(): PropertyDecorator {
  return ValidateIf((_object: unknown, value: unknown) => value !== undefined);
}
