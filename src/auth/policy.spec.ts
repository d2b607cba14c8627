import { ForceForbiddenError, RoleForbiddenError } from './errors';
import { roleToOpenCase, roleToReadCase, roleToRecord } from './policy';
import type { Principal } from './principal';

const as = (roles: Principal['roles'], force = 'west-yorkshire'): Principal => ({ sub: 'officer-1', roles, force });

describe('who may record what (DESIGN.md section 7)', () => {
  describe('an investigator', () => {
    const investigator = as(['investigator']);
    it('records ordinary entries on cases of their own force', () => {
      expect(roleToRecord(investigator, 'ContactMade', 'west-yorkshire')).toBe('investigator');
    });
    it('may not record on another force\'s case', () => {
      expect(() => roleToRecord(investigator, 'ContactMade', 'merseyside')).toThrow(ForceForbiddenError);
    });
    it.each(['EntryCorrected', 'EntryRetracted', 'CaseClosed', 'CaseReopened'] as const)('needs a supervisor for %s', (type) => {
      expect(() => roleToRecord(investigator, type, 'west-yorkshire')).toThrow(RoleForbiddenError);
    });
    it('opens cases for their own force only', () => {
      expect(roleToOpenCase(investigator, 'west-yorkshire')).toBe('investigator');
      expect(() => roleToOpenCase(investigator, 'merseyside')).toThrow(ForceForbiddenError);
    });
  });

  describe('a supervisor', () => {
    it('corrects, retracts, closes and reopens on their own force', () => {
      for (const type of ['EntryCorrected', 'EntryRetracted', 'CaseClosed', 'CaseReopened'] as const) {
        expect(roleToRecord(as(['supervisor']), type, 'west-yorkshire')).toBe('supervisor');
      }
    });
  });

  describe('an inspector', () => {
    const inspector = as(['inspector'], 'hmicfrs');
    it('records only RecordQualityFinding, on any force', () => {
      expect(roleToRecord(inspector, 'RecordQualityFinding', 'merseyside')).toBe('inspector');
      expect(() => roleToRecord(inspector, 'ContactMade', 'merseyside')).toThrow(RoleForbiddenError);
    });
    it('reads every force\'s cases but opens none', () => {
      expect(roleToReadCase(inspector, 'merseyside')).toBe('inspector');
      expect(() => roleToOpenCase(inspector, 'hmicfrs')).toThrow(RoleForbiddenError);
    });
  });

  describe('an analyst or an admin', () => {
    it.each([['analyst'], ['admin']] as const)('%s never reads a case nor records on one', (role) => {
      expect(() => roleToReadCase(as([role]), 'west-yorkshire')).toThrow(RoleForbiddenError);
      expect(() => roleToRecord(as([role]), 'ContactMade', 'west-yorkshire')).toThrow(RoleForbiddenError);
    });
  });
});
