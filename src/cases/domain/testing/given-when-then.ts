/**
 * Decider specifications read as given/when/then:
 *   given([events]).when(command).then([events])
 *   given([events]).when(command).thenThrows(CaseClosedError, 'events[0]')
 */
import type { CaseCommand } from '../commands';
import { decide, foldCase } from '../decider';
import type { CaseDomainError } from '../errors';
import type { CaseEvent } from '../events';

type ErrorClass = abstract new (...args: never[]) => CaseDomainError;

export interface Then {
  /** The command is accepted and decides exactly these events, in this order. */
  then(expected: CaseEvent[]): void;
  /** The command is refused as a whole, with this error naming this path of the request. */
  thenThrows(errorClass: ErrorClass, path?: string): void;
}

export function given(history: CaseEvent[]): { when(command: CaseCommand): Then } {
  return {
    when(command) {
      const run = () => decide(command, foldCase(history));
      return {
        then(expected) {
          expect(run()).toEqual(expected);
        },
        thenThrows(errorClass, path) {
          let decided: CaseEvent[] | undefined;
          let thrown: unknown;
          try {
            decided = run();
          } catch (error) {
            thrown = error;
          }
          if (thrown === undefined) {
            throw new Error(`Expected ${errorClass.name} but the command decided ${JSON.stringify(decided, null, 2)}`);
          }
          expect(thrown).toBeInstanceOf(errorClass);
          if (path !== undefined) {
            const error = thrown as CaseDomainError;
            expect({ path: error.path, message: error.message }).toEqual({ path, message: error.message });
            expect(error.errors).toEqual([{ path, message: error.message }]);
          }
        },
      };
    },
  };
}
