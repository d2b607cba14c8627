/**
 * What the read models keep about one case, derived from its corrected history alone, so the same
 * function serves the live projection, a rebuild and an as-of replay.
 */
import { DateTime } from 'luxon';
import type { HistoryEntry } from '../timeline/corrected-history';
import { isoOf, parseIsoMs } from '../timeliness/instants';
import { MS_PER_DAY } from '../timeliness/local-dates';
import { londonDayOf } from '../timeliness/london';

/** The month (Europe/London) an instant falls in, e.g. 2024-03: inspection periods are local. */
export function londonMonth(ms: number): string {
  // The local day's midnight, written as UTC, starts with its yyyy-MM (the engine's own London
  // offsets: luxon's formatting costs microseconds, and a rebuild asks a few hundred thousand times).
  if (ms >= FAST_MONTHS_FROM && ms < FAST_MONTHS_UNTIL) return isoOf(londonDayOf(ms) * MS_PER_DAY).slice(0, 7);
  return DateTime.fromMillis(ms, { zone: 'Europe/London' }).toFormat('yyyy-MM');
}

const FAST_MONTHS_FROM = Date.UTC(1900, 0, 1);
const FAST_MONTHS_UNTIL = Date.UTC(9999, 11, 31);

/** A recording more than this after the fact is late (DESIGN.md section 5, data-quality facts). */
export const LATE_RECORDING_MS = 24 * 3600 * 1000;

export interface CaseSummary {
  caseId: string;
  force: string;
  area: string | null;
  jurisdiction: string;
  status: 'open' | 'closed';
  riskLevel: string | null;
  groupBased: boolean;
  openedAt: string;
  openedAtMs: number;
  closedAt: string | null;
  outcomeCode: number | null;
  quality: QualityFacts;
  findings: Record<string, number>;
  disruptions: DisruptionRow[];
  charging: ChargingRow[];
}

export interface QualityFacts {
  events: number;
  lateEvents: number;
  victimEthnicityRecorded: boolean;
  victimSexRecorded: boolean;
  victimAgeRecorded: boolean;
  suspects: number;
  suspectEthnicityRecorded: number;
  suspectSexRecorded: number;
  suspectAgeRecorded: number;
  crimes: number;
  crimesCseFlagged: number;
  crimesGroupBasedFlagged: number;
}

export interface DisruptionRow {
  eventId: string;
  tool: string;
  targetKind: string;
  occurredAt: string;
  occurredAtMs: number;
  occurredMonth: string;
  breaches: number;
}

export interface ChargingRow {
  eventId: string;
  by: string;
  outcome: string;
  test: string | null;
  occurredAt: string;
  occurredAtMs: number;
  occurredMonth: string;
}

const recorded = (value: unknown, unknownValues: readonly unknown[] = []) =>
  value !== undefined && value !== null && value !== '' && !unknownValues.includes(value);

/** Undefined when the history has no (unretracted) CaseOpened. */
export function summariseCase(caseId: string, history: readonly HistoryEntry[]): CaseSummary | undefined {
  const live = history.filter((e) => !e.retracted);
  const opened = live.find((e) => e.type === 'CaseOpened');
  if (!opened) return undefined;
  const victim = (opened.data.victim ?? {}) as Record<string, unknown>;
  const summary: CaseSummary = {
    caseId,
    force: String(opened.data.force),
    area: typeof opened.data.area === 'string' ? opened.data.area : null,
    jurisdiction: String(opened.data.jurisdiction ?? 'england'),
    status: 'open',
    riskLevel: null,
    groupBased: opened.data.groupBased === true,
    openedAt: opened.occurredAt,
    openedAtMs: parseIsoMs(opened.occurredAt),
    closedAt: null,
    outcomeCode: null,
    quality: {
      events: 0,
      lateEvents: 0,
      victimEthnicityRecorded: recorded(victim.ethnicity, ['not-stated']),
      victimSexRecorded: recorded(victim.sex, ['not-known']),
      victimAgeRecorded: recorded(victim.ageAtReport),
      suspects: 0,
      suspectEthnicityRecorded: 0,
      suspectSexRecorded: 0,
      suspectAgeRecorded: 0,
      crimes: 0,
      crimesCseFlagged: 0,
      crimesGroupBasedFlagged: 0,
    },
    findings: {},
    disruptions: [],
    charging: [],
  };
  const disruptions = new Map<string, DisruptionRow>();
  // Status follows the order things were recorded in: a reopening undoes the closure before it.
  const closures = live
    .filter((e) => e.type === 'CaseClosed' || e.type === 'CaseReopened')
    .map((entry) => ({ entry, recordedMs: parseIsoMs(entry.recordedAt) }))
    .sort((a, b) => a.recordedMs - b.recordedMs);
  for (const { entry } of closures) {
    if (entry.type === 'CaseClosed') {
      summary.status = 'closed';
      summary.closedAt = entry.occurredAt;
      summary.outcomeCode = Number(entry.data.outcomeCode);
    } else if (entry.type === 'CaseReopened') {
      summary.status = 'open';
      summary.closedAt = null;
      summary.outcomeCode = null;
    }
  }
  for (const entry of live) {
    const q = summary.quality;
    q.events++;
    if (parseIsoMs(entry.recordedAt) - parseIsoMs(entry.original.occurredAt) > LATE_RECORDING_MS) q.lateEvents++;
    const d = entry.data;
    switch (entry.type) {
      case 'RiskAssessed':
        summary.riskLevel = String(d.level);
        break;
      case 'SuspectIdentified':
        q.suspects++;
        if (recorded(d.ethnicity, ['not-stated'])) q.suspectEthnicityRecorded++;
        if (recorded(d.sex, ['not-known'])) q.suspectSexRecorded++;
        if (recorded(d.ageBand, ['not-known'])) q.suspectAgeRecorded++;
        break;
      case 'CrimeRecorded':
        q.crimes++;
        if (d.cseFlag === true) q.crimesCseFlagged++;
        if (d.groupBasedFlag === true) q.crimesGroupBasedFlagged++;
        break;
      case 'RecordQualityFinding':
        summary.findings[String(d.kind)] = (summary.findings[String(d.kind)] ?? 0) + 1;
        break;
      case 'DisruptionActionTaken':
        disruptions.set(entry.eventId, {
          eventId: entry.eventId,
          tool: String(d.tool),
          targetKind: String(d.targetKind),
          occurredAt: entry.occurredAt,
          occurredAtMs: parseIsoMs(entry.occurredAt),
          occurredMonth: londonMonth(parseIsoMs(entry.occurredAt)),
          breaches: 0,
        });
        break;
      case 'DisruptionBreached': {
        const target = disruptions.get(String(d.disruptionEventId));
        if (target) target.breaches++;
        break;
      }
      case 'ChargingDecisionMade':
        summary.charging.push({
          eventId: entry.eventId,
          by: String(d.by),
          outcome: String(d.outcome),
          test: typeof d.test === 'string' ? d.test : null,
          occurredAt: entry.occurredAt,
          occurredAtMs: parseIsoMs(entry.occurredAt),
          occurredMonth: londonMonth(parseIsoMs(entry.occurredAt)),
        });
        break;
      default:
        break;
    }
  }
  summary.disruptions = [...disruptions.values()];
  return summary;
}
