/**
 * Answers the inspection routes. Without asOf, from the in-memory index of the read models (fast,
 * as known now); with asOf, by replaying every case as it had been recorded by then through the
 * same engine.
 */
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '../common/clock';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { readCaseStream } from '../projections/case-derivation';
import { summariseCase } from '../projections/case-summary';
import { SqliteReadStore } from '../projections/sqlite-read-store';
import { RulesetStore } from '../rulesets/ruleset-store';
import { correctedHistory } from '../timeline/corrected-history';
import { parseIsoMs } from '../timeliness/instants';
import { measure } from '../timeliness/measure';
import type { RulesetDef } from '../timeliness/model';
import { charging, dataQuality, disruption } from './activity-figures';
import { emptyFigures, Figures, FiguresAccumulator } from './figures';
import type { GroupBy, InspectionFilters, Period } from './inspection.filters';
import { InspectionIndexService } from './inspection-index.service';
import { timelinessFigures } from './timeliness-figures';

export interface RuleReport extends Figures {
  ruleId: string;
  title: string;
  groups?: Array<{ key: string | null } & Figures>;
}

export interface TimelinessReport {
  ruleset: { id: string; version: number };
  rules: RuleReport[];
}

export interface TimelinessRequest {
  ruleset: { id: string; version?: number };
  compare?: { id: string; version?: number };
  filters: InspectionFilters;
  groupBy?: GroupBy;
  asOf?: Date;
}


@Injectable()
export class InspectionService {
  constructor(
    private readonly readStore: SqliteReadStore,
    private readonly rulesets: RulesetStore,
    private readonly index: InspectionIndexService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async timeliness(request: TimelinessRequest) {
    const now = this.clock.now();
    const main = (await this.rulesets.get(request.ruleset.id, request.ruleset.version)).ruleset;
    const other = request.compare ? (await this.rulesets.get(request.compare.id, request.compare.version)).ruleset : undefined;
    const reports = request.asOf
      ? await this.replayAsOf([main, ...(other ? [other] : [])], request.filters, request.asOf, now, request.groupBy)
      : [main, ...(other ? [other] : [])].map((r) => this.fromReadModels(r, request.filters, now, request.groupBy));
    return {
      ruleset: reports[0].ruleset,
      asOf: request.asOf?.toISOString() ?? null,
      evaluatedAt: (request.asOf ?? now).toISOString(),
      rules: reports[0].rules,
      ...(reports[1] ? { compare: reports[1] } : {}),
    };
  }

  /** Facts of the cases opened within the filters; per force too with `byForce`. */
  dataQuality(filters: InspectionFilters, byForce: boolean) {
    const index = this.index.current();
    const [total] = dataQuality(index, filters, false);
    return { total: total.figures, groups: byForce ? dataQuality(index, filters, true) : undefined };
  }

  disruption(filters: InspectionFilters, period: Period) {
    return disruption(this.index.current(), filters, period);
  }

  charging(filters: InspectionFilters, period: Period) {
    return charging(this.index.current(), filters, period);
  }

  private fromReadModels(ruleset: RulesetDef, filters: InspectionFilters, now: Date, groupBy?: GroupBy): TimelinessReport {
    const { index, clocks } = this.index.withClocks(ruleset);
    const figures = timelinessFigures(index, clocks, filters, now.getTime(), groupBy);
    return {
      ruleset: { id: ruleset.id, version: ruleset.version },
      rules: ruleset.rules.map((rule) => {
        const { total, groups } = figures[clocks.ruleCode(rule.id)];
        return { ruleId: rule.id, title: rule.title, ...total, ...(groupBy ? { groups } : {}) };
      }),
    };
  }

  /** Every case as recorded by asOf, measured at asOf: what the force knew, and what was overdue, then. */
  private async replayAsOf(rulesets: RulesetDef[], filters: InspectionFilters, asOf: Date, now: Date, groupBy?: GroupBy): Promise<TimelinessReport[]> {
    const asOfMs = asOf.getTime();
    const accumulators = rulesets.map(() => new Map<string, { total: FiguresAccumulator; groups: Map<string | null, FiguresAccumulator> }>());
    for (const caseId of this.readStore.caseIds(filters.forces)) {
      const events = (await readCaseStream(this.store, caseId)).filter((e) => parseIsoMs(e.recordedAt) <= asOfMs);
      if (events.length === 0) continue;
      let key: string | null = null;
      if (groupBy) {
        const summary = summariseCase(caseId, correctedHistory(events, asOfMs));
        key = summary ? (groupBy === 'force' ? summary.force : groupBy === 'area' ? summary.area : summary.riskLevel) : null;
      }
      rulesets.forEach((ruleset, i) => {
        for (const clock of measure(events, ruleset, { asOf, now })) {
          const started = Date.parse(clock.startedAt);
          if (filters.fromMs !== undefined && started < filters.fromMs) continue;
          if (filters.toMs !== undefined && started >= filters.toMs) continue;
          let acc = accumulators[i].get(clock.ruleId);
          if (!acc) accumulators[i].set(clock.ruleId, (acc = { total: new FiguresAccumulator(), groups: new Map() }));
          acc.total.add(clock.status, clock.elapsedMs);
          if (groupBy) {
            let group = acc.groups.get(key);
            if (!group) acc.groups.set(key, (group = new FiguresAccumulator()));
            group.add(clock.status, clock.elapsedMs);
          }
        }
      });
    }
    return rulesets.map((ruleset, i) => ({
      ruleset: { id: ruleset.id, version: ruleset.version },
      rules: ruleset.rules.map((rule) => {
        const acc = accumulators[i].get(rule.id);
        return {
          ruleId: rule.id,
          title: rule.title,
          ...(acc ? acc.total.figures() : emptyFigures()),
          ...(groupBy
            ? {
                groups: [...(acc?.groups.entries() ?? [])]
                  .map(([k, g]) => ({ key: k, ...g.figures() }))
                  .sort((a, b) => String(a.key).localeCompare(String(b.key))),
              }
            : {}),
        };
      }),
    }));
  }
}
