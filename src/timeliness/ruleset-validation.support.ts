import type { FieldError } from '../common/app-error';
import { EVENT_FIELDS } from '../cases/domain/event-fields';
import type { CaseEventType } from '../cases/domain/events';

/**
 * Fields whose values are lists or objects. `where` compares single values, so a condition on one
 * of these could never hold; the spec keeps this list in step with the catalogue's examples.
 */
export const NON_SCALAR_FIELDS: Readonly<Partial<Record<CaseEventType, readonly string[]>>> = {
  CaseOpened: ['victim'],
  ReportReceived: ['indicators'],
  StrategyDiscussionHeld: ['agencies'],
  ChargingDecisionMade: ['offences'],
  EntryCorrected: ['data'],
};

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `rules[2]`, `where.to`, `where["BailDecision.kind"]`: the way validate.ts spells request paths. */
export function pathOf(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  if (!IDENTIFIER.test(key)) return `${parent}[${JSON.stringify(key)}]`;
  return parent ? `${parent}.${key}` : key;
}

/** Collects FieldErrors whose message starts with the name of what is wrong, as the DTOs' do. */
export class Problems {
  readonly list: FieldError[] = [];

  add(path: string, problem: string): void {
    this.list.push({ path, message: `${nameOf(path)} ${problem}` });
  }

  unknownKeys(value: Record<string, unknown>, known: readonly string[], path: string): void {
    for (const key of Object.keys(value)) {
      if (!known.includes(key)) this.add(pathOf(path, key), `is not a known field (known: ${known.join(', ')})`);
    }
  }
}

/** The last step of a path: `to`, `limit[1]`, `BailDecision.kind`. */
function nameOf(path: string): string {
  if (path === '') return 'the ruleset';
  const indexes = /(\[\d+\])*$/.exec(path)?.[0] ?? '';
  const base = path.slice(0, path.length - indexes.length);
  const quoted = /\[("(?:[^"\\]|\\.)*")\]$/.exec(base);
  if (quoted) return `${JSON.parse(quoted[1]) as string}${indexes}`;
  return `${base.slice(base.lastIndexOf('.') + 1)}${indexes}`;
}

const SCALAR_TYPES = new Set(['string', 'number', 'boolean']);

/**
 * `where` of a part whose types are `types` (undefined when they are unusable: the field names
 * cannot be checked then). A key `Type.field` holds for one of the part's types only.
 */
export function checkWhere(where: unknown, types: CaseEventType[] | undefined, path: string, problems: Problems): void {
  if (where === undefined) return;
  if (!isObject(where)) {
    problems.add(path, 'must be an object { field: [values] }');
    return;
  }
  for (const [key, values] of Object.entries(where)) {
    const at = pathOf(path, key);
    if (types) checkWhereField(key, types, at, problems);
    if (!Array.isArray(values) || values.length === 0) {
      problems.add(at, 'must be a non-empty list of values');
      continue;
    }
    values.forEach((value: unknown, i: number) => {
      if (!SCALAR_TYPES.has(typeof value)) problems.add(pathOf(at, i), 'must be a string, a number or a boolean');
    });
  }
}

function checkWhereField(key: string, types: CaseEventType[], at: string, problems: Problems): void {
  const dot = key.indexOf('.');
  let field = key;
  let heldBy = types;
  if (dot >= 0) {
    const type = key.slice(0, dot) as CaseEventType;
    field = key.slice(dot + 1);
    if (!types.includes(type)) {
      problems.add(at, `names ${JSON.stringify(type)}, which is not one of this part's types (${types.join(', ')})`);
      return;
    }
    heldBy = [type];
  }
  const lacking = heldBy.filter((type) => !EVENT_FIELDS[type].includes(field));
  if (lacking.length > 0) {
    const having = types.filter((type) => EVENT_FIELDS[type].includes(field));
    const hint = dot < 0 && having.length > 0 ? `; to hold for ${having.join(', ')} only, write "${having[0]}.${field}"` : '';
    problems.add(at, `is not a field of ${lacking.join(', ')}${hint}`);
    return;
  }
  const listy = heldBy.filter((type) => NON_SCALAR_FIELDS[type]?.includes(field));
  if (listy.length > 0) problems.add(at, `is a list or an object on ${listy.join(', ')}: where compares single values, so it could never hold`);
}
