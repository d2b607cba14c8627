import { randomUUID } from 'node:crypto';

/** The only way application code learns the time, so tests can inject it. */
export const CLOCK = Symbol('CLOCK');
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** The only way application code makes ids, so tests can make them predictable. */
export const ID_GENERATOR = Symbol('ID_GENERATOR');
export interface IdGenerator {
  uuid(): string;
}
export const randomIds: IdGenerator = { uuid: () => randomUUID() };
