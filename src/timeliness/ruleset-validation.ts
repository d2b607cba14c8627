/**
 * Checks a ruleset definition before it is published or measured with, naming every problem by
 * its path (`rules[2].start.where.to`). A rule that names an unknown type or field would not fail:
 * it would measure nothing, which on an inspection reads as "no clock ever started". So every
 * name is checked against the catalogue, and nothing unknown is let through.
 */
import type { FieldError } from '../common/app-error';
import { EVENT_FIELDS } from '../cases/domain/event-fields';
import { CASE_EVENT_TYPES, type CaseEventType } from '../cases/domain/events';
import { CALENDARS, durationProblem } from './calendar';
import { parseLocalDate } from './local-dates';
import { checkWhere, isObject, pathOf, Problems } from './ruleset-validation.support';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const MAX_SLUG = 100;
const SOURCE_KINDS = ['statutory', 'guidance', 'local-target', 'measure'];
const OCCURRENCES = ['first', 'each'];
const LIMIT_UNITS = ['duration', 'months', 'workingDays'] as const;
// Bounds that no real standard comes near; they keep a typo from turning into a loop over millennia.
const MAX_MONTHS = 1200;
const MAX_WORKING_DAYS = 5000;
// Corrections and retractions are applied to their targets before measuring, never measured themselves.
const NOT_MEASURED = new Set<string>(['EntryCorrected', 'EntryRetracted']);

export function validateRulesetDefinition(def: unknown): FieldError[] {
  const problems = new Problems();
  if (!isObject(def)) {
    problems.add('', 'a ruleset must be a JSON object { id, version, title, rules }');
    return problems.list;
  }
  problems.unknownKeys(def, ['id', 'version', 'title', 'rules'], '');
  checkSlug(def.id, 'id', problems);
  if (!Number.isSafeInteger(def.version) || (def.version as number) < 1) problems.add('version', 'must be a positive whole number');
  checkText(def.title, 'title', problems);
  if (!Array.isArray(def.rules) || def.rules.length === 0) {
    problems.add('rules', 'must be a non-empty list of rules');
    return problems.list;
  }
  const ids = new Set<unknown>();
  def.rules.forEach((rule: unknown, i: number) => {
    const path = pathOf('rules', i);
    checkRule(rule, path, problems);
    if (isObject(rule) && typeof rule.id === 'string') {
      if (ids.has(rule.id)) problems.add(`${path}.id`, `${JSON.stringify(rule.id)} is the id of an earlier rule: rule ids must be unique`);
      ids.add(rule.id);
    }
  });
  return problems.list;
}

function checkSlug(value: unknown, path: string, problems: Problems): void {
  if (typeof value !== 'string' || !SLUG.test(value) || value.length > MAX_SLUG) {
    problems.add(
      path,
      `must be lower-case letters and digits in words joined by single hyphens, at most ${MAX_SLUG} characters, e.g. crime-recorded`,
    );
  }
}

function checkText(value: unknown, path: string, problems: Problems): void {
  if (typeof value !== 'string' || value.trim() === '') problems.add(path, 'must be a non-empty string');
}

function checkOneOf(value: unknown, allowed: readonly string[], path: string, problems: Problems): void {
  if (typeof value !== 'string' || !allowed.includes(value)) problems.add(path, `must be one of ${allowed.join(', ')}`);
}

function checkRule(rule: unknown, path: string, problems: Problems): void {
  if (!isObject(rule)) {
    problems.add(path, 'must be an object { id, title, source, start, stop, limit, calendar }');
    return;
  }
  problems.unknownKeys(rule, ['id', 'title', 'source', 'start', 'stop', 'limit', 'calendar'], path);
  checkSlug(rule.id, `${path}.id`, problems);
  checkText(rule.title, `${path}.title`, problems);
  if (isObject(rule.source)) {
    problems.unknownKeys(rule.source, ['text', 'kind'], `${path}.source`);
    checkText(rule.source.text, `${path}.source.text`, problems);
    checkOneOf(rule.source.kind, SOURCE_KINDS, `${path}.source.kind`, problems);
  } else {
    problems.add(`${path}.source`, 'must be an object { text, kind }');
  }
  const startTypes = checkStart(rule.start, `${path}.start`, problems);
  checkStop(rule.stop, startTypes, `${path}.stop`, problems);
  checkLimit(rule.limit, `${path}.limit`, problems);
  checkOneOf(rule.calendar, Object.keys(CALENDARS), `${path}.calendar`, problems);
}

/** The part's types when all are usable, so that its fields can be checked against them. */
function checkTypes(value: unknown, path: string, problems: Problems): CaseEventType[] | undefined {
  const known = CASE_EVENT_TYPES as readonly string[];
  const one = (type: unknown, at: string): boolean => {
    if (typeof type !== 'string' || !known.includes(type)) {
      problems.add(at, `${JSON.stringify(type)} is not an event type of the catalogue`);
      return false;
    }
    if (NOT_MEASURED.has(type)) {
      problems.add(at, `${type} is applied to the event it names before measuring, so it can neither start nor stop a clock`);
      return false;
    }
    return true;
  };
  if (typeof value === 'string') return one(value, path) ? [value as CaseEventType] : undefined;
  if (!Array.isArray(value) || value.length === 0) {
    problems.add(path, 'must be an event type or a non-empty list of event types');
    return undefined;
  }
  let usable = true;
  value.forEach((type: unknown, i: number) => {
    if (!one(type, pathOf(path, i))) usable = false;
    else if (value.indexOf(type) !== i) {
      problems.add(pathOf(path, i), `${String(type)} is listed twice`);
      usable = false;
    }
  });
  return usable ? (value as CaseEventType[]) : undefined;
}

function checkStart(start: unknown, path: string, problems: Problems): CaseEventType[] | undefined {
  if (!isObject(start)) {
    problems.add(path, 'must be an object { type, where?, occurrence }');
    return undefined;
  }
  problems.unknownKeys(start, ['type', 'where', 'occurrence'], path);
  const types = checkTypes(start.type, `${path}.type`, problems);
  checkWhere(start.where, types, `${path}.where`, problems);
  checkOneOf(start.occurrence, OCCURRENCES, `${path}.occurrence`, problems);
  return types;
}

function checkStop(stop: unknown, startTypes: CaseEventType[] | undefined, path: string, problems: Problems): void {
  if (!isObject(stop)) {
    problems.add(path, 'must be an object { type, where?, match? }');
    return;
  }
  problems.unknownKeys(stop, ['type', 'where', 'match'], path);
  const types = checkTypes(stop.type, `${path}.type`, problems);
  checkWhere(stop.where, types, `${path}.where`, problems);
  const match = stop.match;
  if (match === undefined) return;
  if (match === 'aboutEventId') {
    for (const type of types ?? []) {
      if (!EVENT_FIELDS[type].includes('aboutEventId')) problems.add(`${path}.match`, `${type} has no aboutEventId field to match`);
    }
    return;
  }
  if (!Array.isArray(match) || match.length === 0) {
    problems.add(`${path}.match`, 'must be a non-empty list of data fields, or "aboutEventId"');
    return;
  }
  match.forEach((field: unknown, i: number) => {
    const at = pathOf(`${path}.match`, i);
    if (typeof field !== 'string') return problems.add(at, 'must be the name of a data field');
    if (match.indexOf(field) !== i) return problems.add(at, `${field} is listed twice`);
    const lacking = [...(startTypes ?? []), ...(types ?? [])].filter((type) => !EVENT_FIELDS[type].includes(field));
    if (lacking.length > 0) {
      const without = [...new Set(lacking)].join(', ');
      problems.add(at, `names ${field}, which is not a field of ${without}: a match field must be on the start's types and the stop's`);
    }
  });
}

function checkLimit(limit: unknown, path: string, problems: Problems): void {
  if (limit === null) return;
  if (!Array.isArray(limit) || limit.length === 0) {
    problems.add(path, 'must be null (measure only) or a non-empty list of { effectiveFrom, duration | months | workingDays }');
    return;
  }
  const effectiveDates = new Set<string>();
  limit.forEach((item: unknown, i: number) => {
    const at = pathOf(path, i);
    if (!isObject(item)) return problems.add(at, 'must be an object { effectiveFrom, duration | months | workingDays }');
    problems.unknownKeys(item, ['effectiveFrom', ...LIMIT_UNITS], at);
    const from = item.effectiveFrom;
    if (typeof from !== 'string' || parseLocalDate(from) === undefined) {
      problems.add(`${at}.effectiveFrom`, 'must be a real date, YYYY-MM-DD (a Europe/London local date)');
    } else if (effectiveDates.has(from)) {
      problems.add(`${at}.effectiveFrom`, `${from} is the effectiveFrom of an earlier limit: only one limit can start on a day`);
    } else {
      effectiveDates.add(from);
    }
    const given = LIMIT_UNITS.filter((unit) => item[unit] !== undefined);
    if (given.length !== 1) {
      problems.add(at, given.length === 0 ? 'needs one of duration, months or workingDays' : `gives ${given.join(' and ')}: give only one`);
    }
    if (item.duration !== undefined) {
      const problem = durationProblem(item.duration);
      if (problem) problems.add(`${at}.duration`, problem);
    }
    checkCount(item.months, MAX_MONTHS, `${at}.months`, problems);
    checkCount(item.workingDays, MAX_WORKING_DAYS, `${at}.workingDays`, problems);
  });
}

function checkCount(value: unknown, max: number, path: string, problems: Problems): void {
  if (value === undefined) return;
  if (!Number.isSafeInteger(value) || (value as number) < 1 || (value as number) > max) {
    problems.add(path, `must be a whole number from 1 to ${max}`);
  }
}
