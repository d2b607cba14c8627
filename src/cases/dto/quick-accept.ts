/**
 * Says yes to a valid DTO instance without class-validator's executor, which rebuilds and
 * regroups a class's metadata on every call and costs more than the checks it runs.
 *
 * class-validator stays the source of truth: the checks run are the constraint instances its
 * decorators registered, gathered with its own metadata lookup (once per class), and applied with
 * the semantics of its executor under the options validate.ts uses (whitelist,
 * forbidNonWhitelisted, forbidUnknownValues; no groups, no skipping). The only answer given here
 * is "valid": anything else (a failed check, or metadata of a kind not handled here) answers
 * "ask class-validator", which then finds and words the errors. So a request is never accepted
 * that class-validator would refuse, and the messages of a refusal are class-validator's.
 */
import { TransformationType } from 'class-transformer';
import type { TransformMetadata } from 'class-transformer/types/interfaces';
import { getMetadataStorage, ValidationTypes, type ValidationArguments } from 'class-validator';

interface Validator {
  validate(value: unknown, args: ValidationArguments): unknown;
}

interface Constraint {
  async?: boolean;
  /** class-validator's getter: a lookup in its container on every read. */
  instance: Validator;
}

interface Check {
  propertyName: string;
  constraints: unknown[];
  each: boolean;
  validateIf?: (object: object, value: unknown) => boolean;
  implementations: Constraint[];
  /**
   * The implementations' validator instances, taken from class-validator's container on first use
   * and kept: its default container makes one instance per constraint class and keeps it too, but
   * finds it by a linear search of every constraint class on each read (the app sets no container
   * of its own).
   */
  validators?: Validator[];
}

interface PropertyPlan {
  name: string;
  /** ValidateIf: the property is checked only if every condition holds. */
  conditions: Array<(object: object, value: unknown) => boolean>;
  checks: Check[];
  nested: boolean;
}

interface ClassPlan {
  known: ReadonlySet<string>;
  properties: PropertyPlan[];
  /** The class's name, as class-validator's executor gives it to each check (object.constructor.name). */
  targetName: string;
}

/** A class, as class-validator keys its metadata. */
type Target = abstract new (...args: never[]) => unknown;

/** Per class: its plan, or null when its metadata holds something not handled here. */
const plans = new Map<Target, ClassPlan | null>();

// The metadata storage's own shapes, which its public typings leave out.
interface StoredMetadata {
  type: string;
  propertyName: string;
  constraints: unknown[];
  constraintCls: Target;
  each?: boolean;
  validateIf?: (object: object, value: unknown) => boolean;
}
interface Storage {
  getTargetValidationMetadatas(target: Target, schema: string, always: boolean, strictGroups: boolean, groups?: string[]): StoredMetadata[];
  getTargetValidatorConstraints(target: Target): Constraint[];
}

/**
 * Decorators run when their class is defined, before anything is validated, so a class's plan is
 * made once, on its first use: the same lookup class-validator's executor makes on every call.
 */
function planOf(cls: Target): ClassPlan | null {
  let plan = plans.get(cls);
  if (plan === undefined) {
    plan = makePlan(cls);
    plans.set(cls, plan);
  }
  return plan;
}

function makePlan(cls: Target): ClassPlan | null {
  const storage = getMetadataStorage() as unknown as Storage;
  const metadatas = storage.getTargetValidationMetadatas(cls, '', false, false, undefined);
  if (metadatas.length === 0) return null; // forbidUnknownValues: class-validator refuses it
  const byName = new Map<string, PropertyPlan>();
  for (const metadata of metadatas) {
    let property = byName.get(metadata.propertyName);
    if (!property) {
      property = { name: metadata.propertyName, conditions: [], checks: [], nested: false };
      byName.set(metadata.propertyName, property);
    }
    switch (metadata.type) {
      case ValidationTypes.CONDITIONAL_VALIDATION:
        property.conditions.push(metadata.constraints[0] as (object: object, value: unknown) => boolean);
        break;
      case ValidationTypes.IS_DEFINED:
      case ValidationTypes.CUSTOM_VALIDATION: {
        const implementations = storage.getTargetValidatorConstraints(metadata.constraintCls);
        if (implementations.some((c) => c.async)) return null;
        property.checks.push({
          propertyName: metadata.propertyName,
          constraints: metadata.constraints,
          each: metadata.each === true,
          validateIf: metadata.validateIf,
          implementations,
        });
        break;
      }
      case ValidationTypes.NESTED_VALIDATION:
        property.nested = true;
        break;
      case ValidationTypes.WHITELIST:
        break;
      default:
        return null; // promise validation, or a type this file does not know
    }
  }
  return { known: new Set(byName.keys()), properties: [...byName.values()], targetName: cls.name };
}

const isCollection = (value: unknown): value is unknown[] | Set<unknown> | Map<unknown, unknown> =>
  Array.isArray(value) || value instanceof Set || value instanceof Map;

/** A promise is an asynchronous check, which only class-validator can settle. */
function isPass(valid: unknown): boolean {
  return !!valid && typeof (valid as Promise<unknown>).then !== 'function';
}

function passes(check: Check, object: object, value: unknown, targetName: string): boolean {
  if (check.validateIf && !check.validateIf(object, value)) return true;
  const args: ValidationArguments = { targetName, property: check.propertyName, object, value, constraints: check.constraints };
  const validators = (check.validators ??= check.implementations.map((implementation) => implementation.instance));
  const items = check.each && isCollection(value) ? [...(value instanceof Map ? value.values() : value)] : undefined;
  for (const validator of validators) {
    if (items === undefined) {
      if (!isPass(validator.validate(value, args))) return false;
    } else {
      for (const item of items) if (!isPass(validator.validate(item, args))) return false;
    }
  }
  return true;
}

function conditionsHold(conditions: PropertyPlan['conditions'], object: object, value: unknown): boolean {
  for (const condition of conditions) if (!condition(object, value)) return false;
  return true;
}

/** A nested value as ValidateNested treats it: each item of a collection, recursively; an object by its class. */
function nestedValid(value: unknown): boolean {
  if (value === undefined) return true;
  if (isCollection(value)) {
    for (const item of value instanceof Map ? value.values() : value) if (!nestedValid(item)) return false;
    return true;
  }
  return value instanceof Object && accepts(value);
}

/**
 * True when class-validator would find nothing wrong with `instance` (a class instance made by
 * class-transformer from a request); false when it would, or when only it can tell.
 */
export function accepts(instance: object): boolean {
  const plan = planOf(instance.constructor as Target);
  if (!plan) return false;
  for (const key of Object.keys(instance)) if (!plan.known.has(key)) return false;
  const fields = instance as Record<string, unknown>;
  for (const property of plan.properties) {
    const value = fields[property.name];
    if (!conditionsHold(property.conditions, instance, value)) continue;
    for (const check of property.checks) if (!passes(check, instance, value, plan.targetName)) return false;
    if (property.nested && !nestedValid(value)) return false;
  }
  return true;
}

/**
 * What class-transformer needs to know to turn a plain object into an instance of a class, when it
 * is simple: @Type(() => SomeDto) on nested properties and @Transform functions, nothing else
 * (no @Expose or @Exclude, no discriminators, no accessors on the prototype).
 */
interface TransformPlan {
  nested: ReadonlyMap<string, Target>;
  transforms: ReadonlyMap<string, Array<TransformMetadata['transformFn']>>;
}

// class-transformer's metadata store, which its index does not export (its executor reads it the same way).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as typeof import('class-transformer/types/storage');

const transformPlans = new Map<Target, TransformPlan | null>();

function transformPlanOf(cls: Target): TransformPlan | null {
  let plan = transformPlans.get(cls);
  if (plan === undefined) {
    plan = makeTransformPlan(cls);
    transformPlans.set(cls, plan);
  }
  return plan;
}

function makeTransformPlan(cls: Target): TransformPlan | null {
  const plan = planOf(cls);
  if (!plan) return null;
  const storage = defaultMetadataStorage;
  if (storage.getStrategy(cls) !== 'none' || storage.getExposedMetadatas(cls).length > 0 || storage.getExcludedMetadatas(cls).length > 0) return null;
  for (let proto = cls.prototype as object | null; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as object | null) {
    if (Object.getOwnPropertyNames(proto).some((name) => name !== 'constructor')) return null;
  }
  const nested = new Map<string, Target>();
  const transforms = new Map<string, Array<TransformMetadata['transformFn']>>();
  for (const name of plan.known) {
    const type = storage.findTypeMetadata(cls, name);
    if (type) {
      if (type.options?.discriminator || !type.typeFunction) return null;
      const target = type.typeFunction() as Target | undefined;
      if (typeof target !== 'function' || !planOf(target)) return null;
      nested.set(name, target);
    }
    const functions = storage.findTransformMetadatas(cls, name, TransformationType.PLAIN_TO_CLASS);
    if (functions.some((t) => t.options && Object.keys(t.options).length > 0)) return null; // groups, versions
    if (functions.length > 0) transforms.set(name, functions.map((t) => t.transformFn));
  }
  return { nested, transforms };
}

/** JSON data as class-transformer copies it where no type is declared: objects and arrays anew, the rest as is. */
function copyJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyJson);
  if (typeof value === 'object' && value !== null) {
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) copy[key] = copyJson((value as Record<string, unknown>)[key]);
    return copy;
  }
  return value;
}

/** JSON data whose keys include none of Object.prototype's names, which class-transformer would skip. */
function plainKeysOnly(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(plainKeysOnly);
  if (typeof value !== 'object' || value === null) return true;
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const key of Object.keys(value)) {
    if (key in Object.prototype || !plainKeysOnly((value as Record<string, unknown>)[key])) return false;
  }
  return true;
}

const TRANSFORM_OPTIONS = {};

/** class-transformer's plainToInstance(cls, plain) for a class with a simple plan; undefined where it has none. */
function instanceOf(cls: Target, plain: Record<string, unknown>): object | undefined {
  const plan = transformPlanOf(cls);
  if (!plan) return undefined;
  const instance = new (cls as unknown as new () => Record<string, unknown>)();
  for (const key of Object.keys(plain)) {
    const raw = plain[key];
    let value: unknown;
    const nested = plan.nested.get(key);
    if (nested === undefined) value = copyJson(raw);
    else if (Array.isArray(raw)) {
      const items: object[] = [];
      for (const item of raw) {
        const made = isPlainObject(item) ? instanceOf(nested, item) : undefined;
        if (!made) return undefined;
        items.push(made);
      }
      value = items;
    } else if (isPlainObject(raw)) {
      value = instanceOf(nested, raw);
      if (!value) return undefined;
    } else return undefined;
    const transforms = plan.transforms.get(key);
    if (transforms) {
      for (const transform of transforms) {
        value = transform({ value, key, obj: plain, type: TransformationType.PLAIN_TO_CLASS, options: TRANSFORM_OPTIONS });
      }
    }
    instance[key] = value;
  }
  return instance;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A valid request body as the instance of `cls` that class-transformer would make of it, made
 * without class-transformer's executor (which looks every property's metadata up again on every
 * call); undefined when the body is not valid, or when only class-transformer and class-validator
 * can tell (then they do, as before). The metadata used is theirs: the decorators stay the only
 * statement of each rule.
 */
export function acceptedInstance(cls: Target, plain: unknown): object | undefined {
  if (!isPlainObject(plain) || !plainKeysOnly(plain)) return undefined;
  const instance = instanceOf(cls, plain);
  return instance && accepts(instance) ? instance : undefined;
}
