/**
 * Validation of request bodies against the DTO classes, with every bad field reported as a
 * FieldError whose path a client can follow into its own request: `events[1].data.method`.
 */
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync, type ValidationError } from 'class-validator';
import type { FieldError } from '../../common/app-error';
import type { CaseEventType } from '../domain/events';
import { EVENT_DATA_DTOS } from './event-data.dto';
import { acceptedInstance, accepts } from './quick-accept';
import { CONSTRAINT } from './validators';

export interface ValidationResult<T> {
  /**
   * The validated input as plain JSON data, typed as the DTO: no class instances, no keys left
   * undefined (they would make a stored event differ from the same event read back), UUIDs in
   * lower case. Present only when there are no errors.
   */
  value?: T;
  errors: FieldError[];
}

export interface EventDataValidationOptions {
  /** Where `data` sits in the request, e.g. `events[2].data`. */
  pathPrefix: string;
  /**
   * Validate the present fields only, as for the data of an EntryCorrected that replaces some
   * fields of its target. Unknown fields, null and bad values are still refused, and a nested
   * object (CaseOpened's victim) replaces the whole of its field, so it must be complete.
   */
  partial?: boolean;
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function childPath(parent: string, key: string, isIndex: boolean): string {
  if (isIndex) return `${parent}[${key}]`;
  if (!IDENTIFIER.test(key)) return `${parent}[${JSON.stringify(key)}]`;
  return parent ? `${parent}.${key}` : key;
}

function describe(path: string): string {
  return path || 'the request body';
}

/**
 * class-transformer skips the names of Object.prototype's members (__proto__, constructor,
 * hasOwnProperty, toString...) without a word, and class-validator's whitelist takes some of them
 * for known fields, so neither reports them; they are found here so that they are refused like
 * any other unknown field instead of being dropped silently.
 */
const SKIPPED_BY_TRANSFORMER: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

function findSkippedKeys(value: unknown, path: string, out: FieldError[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => findSkippedKeys(item, childPath(path, String(i), true), out));
  } else if (isJsonObject(value)) {
    for (const key of Object.keys(value)) {
      const at = childPath(path, key, false);
      if (SKIPPED_BY_TRANSFORMER.has(key)) out.push({ path: at, message: `${key} is not a known field` });
      else findSkippedKeys(value[key], at, out);
    }
  }
}

function knownFields(target: object | undefined): string[] {
  if (!target) return [];
  const metadata = getMetadataStorage().getTargetValidationMetadatas(target.constructor, '', true, false);
  return [...new Set(metadata.map((m) => m.propertyName))];
}

/** The ValidationError tree as one FieldError per bad field, each with one message. */
function flatten(errors: ValidationError[], parentPath: string, parentIsArray: boolean, out: FieldError[]): FieldError[] {
  for (const error of errors) {
    const path = error.property === undefined ? parentPath : childPath(parentPath, error.property, parentIsArray);
    const constraints = error.constraints ?? {};
    if (constraints.whitelistValidation) {
      const known = knownFields(error.target);
      const shown = IDENTIFIER.test(error.property) ? error.property : JSON.stringify(error.property);
      out.push({ path, message: `${shown} is not a known field${known.length ? `; known fields: ${known.join(', ')}` : ''}` });
      continue;
    }
    if (constraints.unknownValue) {
      out.push({ path, message: `${describe(path)} must be a JSON object` });
      continue;
    }
    // A missing field fails every check of its value too; only "is required" is worth reading.
    if (constraints[CONSTRAINT.present]) {
      out.push({ path, message: constraints[CONSTRAINT.present] });
      continue;
    }
    // class-validator words this for a nested value that is not an object ("nested property x
    // must be either object or array"), which is wrong for our users: arrays are refused too.
    const nestedNotObject = constraints.nestedValidation !== undefined;
    const messages = Object.entries(constraints)
      .filter(([name]) => name !== 'nestedValidation')
      .map(([, message]) => message);
    if (messages.length === 0 && nestedNotObject) messages.push(`${describe(path)} must be a JSON object`);
    if (messages.length > 0) out.push({ path, message: messages.join('; ') });
    // The fields of something that is not even an object would only repeat the same mistake.
    if (constraints[CONSTRAINT.jsonObject] || constraints[CONSTRAINT.list] || nestedNotObject) continue;
    if (error.children?.length) flatten(error.children, path, Array.isArray(error.value), out);
  }
  return out;
}

function toPlainData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toPlainData);
  if (isJsonObject(value)) {
    const plain: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const item = value[key];
      if (item !== undefined) plain[key] = toPlainData(item);
    }
    return plain;
  }
  return value;
}

/**
 * Validates `plain` against the DTO class `cls`: unknown fields, wrong types, bad enum values and
 * bad dates are all reported, each at its path under `pathPrefix`. Nothing is coerced ("1" is
 * not 1) and nothing is stripped: an unknown field is an error, not a silent loss.
 */
export function validateDto<T extends object>(
  cls: new () => T,
  plain: unknown,
  pathPrefix = '',
  options: { partial?: boolean } = {},
): ValidationResult<T> {
  if (!isJsonObject(plain)) return { errors: [{ path: pathPrefix, message: `${describe(pathPrefix)} must be a JSON object` }] };
  // The common case, a valid request, without class-transformer's and class-validator's executors;
  // they look again at anything else, and word any refusal.
  const accepted = options.partial ? undefined : acceptedInstance(cls, plain);
  if (accepted) return { value: toPlainData(accepted) as T, errors: [] };
  const skipped: FieldError[] = [];
  findSkippedKeys(plain, pathPrefix, skipped);
  const instance = plainToInstance(cls, plain);
  if (!options.partial && skipped.length === 0 && accepts(instance)) return { value: toPlainData(instance) as T, errors: [] };
  let tree = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  if (options.partial) {
    // Validated in full, then the errors of absent fields dropped: unlike skipMissingProperties
    // this keeps refusing null, and checks a nested object (which replaces a whole field) in full.
    tree = tree.filter((error) => error.property === undefined || Object.prototype.hasOwnProperty.call(plain, error.property));
  }
  const errors = flatten(tree, pathPrefix, false, []).concat(skipped);
  return errors.length > 0 ? { errors } : { value: toPlainData(instance) as T, errors };
}

/** The errors of `data` as the payload of a `type` event; none when it is valid. */
export function validateEventData(type: CaseEventType, data: unknown, options: EventDataValidationOptions): FieldError[] {
  return validateDto(EVENT_DATA_DTOS[type], data, options.pathPrefix, { partial: options.partial }).errors;
}

/** Like validateEventData, with the validated data as plain JSON when it is valid. */
export function validateEventDataValue(
  type: CaseEventType,
  data: unknown,
  options: EventDataValidationOptions,
): ValidationResult<Record<string, unknown>> {
  return validateDto(EVENT_DATA_DTOS[type] as new () => Record<string, unknown>, data, options.pathPrefix, { partial: options.partial });
}

/** Orders errors by the entry they are about (`events[3]...`), keeping their order within it. */
export function byEntry(errors: FieldError[]): FieldError[] {
  const entryOf = (path: string): number => {
    const match = /^events\[(\d+)\]/.exec(path);
    return match ? Number(match[1]) : -1;
  };
  return [...errors].sort((a, b) => entryOf(a.path) - entryOf(b.path));
}
