/** The timeliness engine's public API (DESIGN.md section 5): pure functions, no Nest, no I/O. */
export type { Clock, ClockStatus, LimitDef, MeasurableEvent, RuleDef, RuleSource, RuleSourceKind, RulesetDef, WhereDef } from './model';
export { measure, type MeasureOptions } from './measure';
export {
  CALENDARS,
  dueAfterDuration,
  dueAfterMonths,
  dueAfterWorkingDays,
  englandAndWalesCalendar,
  workingDaysBetween,
  type WorkingCalendar,
} from './calendar';
export { InvalidRulesetError } from './compile';
export { validateRulesetDefinition } from './ruleset-validation';
export { ENGLAND_AND_WALES_V1 } from './rulesets/england-and-wales.v1';
