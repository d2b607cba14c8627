/** Which ruleset version a request measures under: `?ruleset=england-and-wales@2`, or the latest. */
import { ValidationFailedError } from '../common/app-error';
import { DEFAULT_RULESET_ID } from './ruleset-store';

export interface RulesetRef {
  id: string;
  /** Undefined: the latest version. */
  version?: number;
}

/** `england-and-wales@2`, or `england-and-wales` for its latest version; absent: the shipped ruleset. */
export function parseRulesetRef(value: string | undefined, name = 'ruleset'): RulesetRef {
  if (value === undefined || value === '') return { id: DEFAULT_RULESET_ID };
  const match = /^([a-z0-9]+(?:-[a-z0-9]+)*)(?:@([1-9]\d*))?$/.exec(value);
  if (!match) {
    throw new ValidationFailedError([{ path: name, message: `${name} must be a ruleset id, optionally with @version, e.g. england-and-wales@1` }]);
  }
  return { id: match[1], version: match[2] === undefined ? undefined : Number(match[2]) };
}
