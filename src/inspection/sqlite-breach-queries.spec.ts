import { SqliteReadStore } from '../projections/sqlite-read-store';
import { SqliteBreachQueries } from './sqlite-breach-queries';

describe('SqliteBreachQueries', () => {
  let readStore: SqliteReadStore;
  beforeEach(() => (readStore = new SqliteReadStore(':memory:')));
  afterEach(() => readStore.close());

  /** The plan SQLite makes for the statement the breaches list prepares. */
  function planOf(options: Parameters<SqliteBreachQueries['breaches']>[4], filters = {}): string {
    const prepare = jest.spyOn(readStore.db, 'prepare');
    Array.from(new SqliteBreachQueries(readStore).breaches('england-and-wales', 1, filters, Date.UTC(2026, 0, 1), options));
    const source = prepare.mock.calls[0][0];
    prepare.mockRestore();
    const parameters = Object.fromEntries([...source.matchAll(/@(\w+)/g)].map(([, name]) => [name, name.startsWith('after') && name !== 'afterStarted' ? 'x' : 0]));
    const rows = readStore.db.prepare(`EXPLAIN QUERY PLAN ${source}`).all(parameters) as Array<{ detail: string }>;
    return rows.map((row) => row.detail).join('\n');
  }

  it.each([
    ['a first page', { limit: 50 }, {}],
    ['a page after a cursor', { limit: 50, after: { startedAtMs: 0, caseId: 'c', ruleId: 'r', cycleKey: 'k' } }, {}],
    ['a page of some rules of some forces in a period', { limit: 50, ruleIds: ['crime-recorded'] }, { forces: ['cumbria'], fromMs: 0, toMs: 1 }],
  ])('given %s, then the clocks are read through clocks_by_start (breach candidates only, in start order), not scanned and sorted', (_, options, filters) => {
    const plan = planOf(options, filters);
    expect(plan).toMatch(/USING INDEX clocks_by_start/);
    expect(plan).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
  });

  it('given a met clock, a breached one and a running one past its due time, then it lists the breached and the overdue', () => {
    const insert = readStore.db.prepare(
      `INSERT INTO clocks (ruleset_id, ruleset_version, case_id, rule_id, cycle_key, force, start_event_id, start_event_type, started_at_ms, due_at_ms, verdict)
       VALUES ('england-and-wales', 1, ?, 'crime-recorded', '-', 'cumbria', ?, 'ReportReceived', ?, ?, ?)`,
    );
    insert.run('met', 'e1', 1000, 2000, 'met');
    insert.run('breached', 'e2', 2000, 3000, 'breached');
    insert.run('overdue', 'e3', 3000, 4000, null);
    insert.run('running', 'e4', 4000, 9_000_000_000_000, null);
    const listed = Array.from(new SqliteBreachQueries(readStore).breaches('england-and-wales', 1, {}, 5000, { limit: 10 }));
    expect(listed.map((b) => [b.caseId, b.status])).toEqual([
      ['breached', 'breached'],
      ['overdue', 'overdue'],
    ]);
  });
});
