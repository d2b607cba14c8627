/**
 * Who may do what (DESIGN.md section 7), as pure functions so the rules can be read, tested and
 * reused by every route and by the CLI.
 */
import type { CaseEventType } from '../cases/domain/events';
import { ForceForbiddenError, RoleForbiddenError } from './errors';
import type { Principal, Role } from './principal';

/** Entries that change what the record says, or the case's status, need a supervisor. */
const SUPERVISOR_ONLY: ReadonlySet<CaseEventType> = new Set(['EntryCorrected', 'EntryRetracted', 'CaseClosed', 'CaseReopened']);

/** The role under which `principal` may record an entry of `type` on a case of `caseForce`. */
export function roleToRecord(principal: Principal, type: CaseEventType, caseForce: string): Role {
  const ownForce = principal.force === caseForce;
  const has = (role: Role) => principal.roles.includes(role);
  if (has('supervisor') && ownForce) return 'supervisor';
  if (has('investigator') && ownForce && !SUPERVISOR_ONLY.has(type) && type !== 'CaseOpened') return 'investigator';
  if (has('inspector') && type === 'RecordQualityFinding') return 'inspector';

  if ((has('supervisor') || has('investigator')) && !ownForce) {
    throw new ForceForbiddenError(`You may record entries only on cases of your own force (${principal.force})`);
  }
  if (has('investigator') && SUPERVISOR_ONLY.has(type)) {
    throw new RoleForbiddenError(`Recording ${type} needs the supervisor role`);
  }
  throw new RoleForbiddenError(`Your roles (${principal.roles.join(', ') || 'none'}) may not record ${type}`);
}

/** The role under which `principal` may open a case for `force`. */
export function roleToOpenCase(principal: Principal, force: string): Role {
  const role = (['supervisor', 'investigator'] as const).find((r) => principal.roles.includes(r));
  if (!role) throw new RoleForbiddenError('Opening a case needs the investigator or supervisor role');
  if (principal.force !== force) {
    throw new ForceForbiddenError(`You may open cases only for your own force (${principal.force}), not ${force}`);
  }
  return role;
}

/** The role under which `principal` may read a case's own events or timeline. Analysts never may. */
export function roleToReadCase(principal: Principal, caseForce: string): Role {
  const has = (role: Role) => principal.roles.includes(role);
  if (has('inspector')) return 'inspector';
  const role = (['supervisor', 'investigator'] as const).find((r) => has(r));
  if (!role) throw new RoleForbiddenError('Reading a case needs the investigator, supervisor or inspector role');
  if (principal.force !== caseForce) {
    throw new ForceForbiddenError(`You may read only cases of your own force (${principal.force})`);
  }
  return role;
}

/** Throws unless the principal has one of `roles`. */
export function requireAnyRole(principal: Principal, roles: readonly Role[]): Role {
  const role = roles.find((r) => principal.roles.includes(r));
  if (!role) throw new RoleForbiddenError(`This needs one of the roles: ${roles.join(', ')}`);
  return role;
}
