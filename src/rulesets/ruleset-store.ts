/**
 * Rulesets are events too: each published version is a RulesetVersionPublished on
 * `ruleset-<id>`. Publishing never rewrites a measurement: clocks are derived by replay, so any
 * case can be measured under any version.
 */
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { RecordedBy } from '../event-store/event-store.port';
import { EVENT_STORE, EventStore, StoredEvent } from '../event-store/event-store.port';
import { ConcurrencyError, StreamNotFoundError } from '../event-store/errors';
import { CLOCK, Clock, ID_GENERATOR, IdGenerator } from '../common/clock';
import { SqliteReadStore } from '../projections/sqlite-read-store';
import type { RulesetDef } from '../timeliness/model';
import { ENGLAND_AND_WALES_V1 } from '../timeliness/rulesets/england-and-wales.v1';
import { RulesetNotFoundError, RulesetVersionConflictError } from './ruleset.errors';

export const RULESET_STREAM_PREFIX = 'ruleset-';
export const RULESET_VERSION_PUBLISHED = 'RulesetVersionPublished';
export const DEFAULT_RULESET_ID = ENGLAND_AND_WALES_V1.id;
/** Fixed, so that instances starting together publish the shipped version once (idempotent append). */
const SHIPPED_V1_EVENT_ID = '6f1c7f0e-3b8a-4c39-9f4e-1f2d0c5b7a01';

export function rulesetStreamId(id: string): string {
  return `${RULESET_STREAM_PREFIX}${id}`;
}

export interface PublishedRulesetVersion {
  ruleset: RulesetDef;
  publishedAt: string;
  publishedBy: RecordedBy;
  eventId: string;
  position: string;
}

/**
 * Appends the shipped ruleset as version 1 unless its stream exists (true when it wrote it). The
 * fixed event id makes instances starting together publish it once.
 */
export async function publishShippedRuleset(store: EventStore, now: Date): Promise<boolean> {
  const at = now.toISOString();
  try {
    await store.append(
      rulesetStreamId(ENGLAND_AND_WALES_V1.id),
      [
        {
          eventId: SHIPPED_V1_EVENT_ID,
          type: RULESET_VERSION_PUBLISHED,
          data: JSON.parse(JSON.stringify(ENGLAND_AND_WALES_V1)),
          metadata: { occurredAt: at, recordedAt: at, recordedBy: { sub: 'case-timeline', role: 'system', force: 'system' }, schemaVersion: 1 },
        },
      ],
      'no-stream',
    );
    return true;
  } catch (error) {
    if (error instanceof ConcurrencyError) return false;
    throw error;
  }
}

function toPublished(event: StoredEvent): PublishedRulesetVersion {
  return {
    ruleset: event.data as unknown as RulesetDef,
    publishedAt: event.metadata.recordedAt,
    publishedBy: event.metadata.recordedBy,
    eventId: event.eventId,
    position: event.position,
  };
}

@Injectable()
export class RulesetStore implements OnApplicationBootstrap {
  private readonly logger = new Logger(RulesetStore.name);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
    private readonly readStore: SqliteReadStore,
  ) {}

  /** Publishes the shipped ruleset as version 1 on first start. */
  async onApplicationBootstrap(): Promise<void> {
    if (await publishShippedRuleset(this.store, this.clock.now())) {
      this.logger.log(`published the shipped ruleset ${ENGLAND_AND_WALES_V1.id}@1`);
    }
  }

  async versions(id: string): Promise<PublishedRulesetVersion[]> {
    try {
      const events = await this.store.readStream(rulesetStreamId(id));
      return events.filter((e) => e.type === RULESET_VERSION_PUBLISHED).map(toPublished);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  }

  /** A version, or the latest when `version` is undefined. */
  async get(id: string, version?: number): Promise<PublishedRulesetVersion> {
    const versions = await this.versions(id);
    const found = version === undefined ? versions.at(-1) : versions.find((v) => v.ruleset.version === version);
    if (!found) {
      throw new RulesetNotFoundError(version === undefined ? `No ruleset ${id}` : `Ruleset ${id} has no version ${version}`);
    }
    return found;
  }

  /**
   * The ids of the published rulesets, from the read models (a scan of the whole log would cost
   * seconds at national scale); the versions themselves are then read from each ruleset's stream.
   */
  listIds(): string[] {
    const ids = new Set([ENGLAND_AND_WALES_V1.id, ...this.readStore.rulesets().map((r) => r.id)]);
    return [...ids].sort();
  }

  /** Appends version `definition.version`, which must be the next one. */
  async publish(definition: RulesetDef, publishedBy: RecordedBy, correlationId?: string): Promise<PublishedRulesetVersion> {
    const existing = await this.versions(definition.id);
    const next = (existing.at(-1)?.ruleset.version ?? 0) + 1;
    if (definition.version !== next) {
      throw new RulesetVersionConflictError(`The next version of ${definition.id} is ${next}, not ${definition.version}`, [
        { path: 'version', message: `must be ${next}` },
      ]);
    }
    const now = this.clock.now().toISOString();
    try {
      await this.store.append(
        rulesetStreamId(definition.id),
        [
          {
            eventId: this.ids.uuid(),
            type: RULESET_VERSION_PUBLISHED,
            data: JSON.parse(JSON.stringify(definition)),
            metadata: { occurredAt: now, recordedAt: now, recordedBy: publishedBy, correlationId, schemaVersion: 1 },
          },
        ],
        existing.length === 0 ? 'no-stream' : existing.length - 1,
      );
    } catch (error) {
      if (error instanceof ConcurrencyError) {
        throw new RulesetVersionConflictError(`Another version of ${definition.id} was published meanwhile: read it and retry`);
      }
      throw error;
    }
    return this.get(definition.id, definition.version);
  }
}
