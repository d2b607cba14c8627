/** Rulesets and a case's clocks over HTTP: the shipped ruleset, publishing a version, side by side. */
import { HttpHarness } from '../fixtures/http-harness';
import { entry, openCaseBody } from '../fixtures/requests';

type ClockView = { ruleId: string; status: string; dueAt?: string; stoppedAt?: string; overdueByMs?: number };

describe('timeliness over HTTP', () => {
  let h: HttpHarness;
  let investigator: string;
  let admin: string;
  let caseId: string;

  beforeAll(async () => {
    h = await HttpHarness.start({ now: '2024-03-04T09:00:00Z' });
    investigator = await h.token('investigator');
    admin = await h.token('admin', 'home-office', 'admin-1');
    // Reported Monday 4 March 2024, 09:00 (GMT).
    const body = openCaseBody({ report: { ...openCaseBody().report, occurredAt: '2024-03-04T09:00:00Z' } });
    caseId = body.caseId;
    expect((await h.inject('POST', '/v1/cases', { token: investigator, body })).status).toBe(201);
    // The victim is contacted 18 hours later; the crime is recorded 30 hours later, two days after.
    h.clock.set('2024-03-06T12:00:00Z');
    const reply = await h.inject('POST', `/v1/cases/${caseId}/events`, {
      token: investigator,
      body: {
        events: [
          entry('ContactMade', { with: 'victim', method: 'in-person', direction: 'outbound', purpose: 'safeguarding' }, '2024-03-05T03:00:00Z'),
          entry('CrimeRecorded', { crimeRef: 'WY-2024-1', offence: 'Sexual activity with a child', cseFlag: true, groupBasedFlag: true }, '2024-03-05T15:00:00Z'),
        ],
      },
    });
    expect(reply.status).toBe(201);
    h.clock.set('2024-03-11T09:00:00Z');
  });
  afterAll(() => h.close());

  const clocksOf = async (query = '') => {
    const reply = await h.inject('GET', `/v1/cases/${caseId}/timeliness${query}`, { token: investigator });
    expect(reply.status).toBe(200);
    return reply.body as { asOf: string | null; evaluatedAt: string; ruleset: { id: string; version: number }; clocks: ClockView[] };
  };
  const clock = (view: { clocks: ClockView[] }, ruleId: string) => view.clocks.find((c) => c.ruleId === ruleId);

  it('lists the shipped ruleset, published as version 1 on first start', async () => {
    const reply = await h.inject('GET', '/v1/rulesets', { token: investigator });
    expect(reply.status).toBe(200);
    expect(reply.body.rulesets).toEqual([expect.objectContaining({ id: 'england-and-wales', latestVersion: 1 })]);
    const one = await h.inject('GET', '/v1/rulesets/england-and-wales', { token: investigator });
    expect(one.body.versions[0].rules.map((r: { id: string }) => r.id)).toEqual([
      'crime-recorded',
      'referral-to-childrens-social-care',
      'strategy-discussion',
      'first-victim-contact',
      'victim-support-referral',
      'victim-informed',
      'pace-detention',
      'pre-charge-bail',
      'charging-decision',
      'first-disruption',
      'report-to-charge',
    ]);
  });

  it('measures the case\'s clocks now', async () => {
    const view = await clocksOf();
    expect(view).toMatchObject({ asOf: null, evaluatedAt: '2024-03-11T09:00:00.000Z', ruleset: { id: 'england-and-wales', version: 1 } });
    expect(clock(view, 'crime-recorded')).toMatchObject({ status: 'breached', dueAt: '2024-03-05T09:00:00.000Z', overdueByMs: 6 * 3600 * 1000 });
    expect(clock(view, 'first-victim-contact')).toMatchObject({ status: 'met' });
    expect(clock(view, 'referral-to-childrens-social-care')).toMatchObject({ status: 'overdue' });
    // CrimeRecorded on Tuesday: a referral to support is due by the end of Thursday.
    expect(clock(view, 'victim-support-referral')).toMatchObject({ status: 'overdue', dueAt: '2024-03-07T23:59:59.999Z' });
  });

  it('answers as of a date, from what had been recorded by then', async () => {
    const view = await clocksOf('?asOf=2024-03-05T12:00:00Z');
    expect(view.asOf).toBe('2024-03-05T12:00:00.000Z');
    expect(clock(view, 'crime-recorded')).toMatchObject({ status: 'overdue', overdueByMs: 3 * 3600 * 1000 });
    expect(clock(view, 'first-victim-contact')).toMatchObject({ status: 'overdue' });
    expect(clock(view, 'victim-support-referral')).toBeUndefined();
  });

  it('publishes a new version (admin only) and measures the case under both, side by side', async () => {
    const current = (await h.inject('GET', '/v1/rulesets/england-and-wales/versions/1', { token: admin })).body;
    const rules = current.rules.map((rule: { id: string; limit: unknown }) =>
      rule.id === 'first-victim-contact' ? { ...rule, limit: [{ effectiveFrom: '2020-01-01', duration: 'PT12H' }] } : rule,
    );
    const refused = await h.inject('POST', '/v1/rulesets/england-and-wales/versions', { token: investigator, body: { title: 'x', rules } });
    expect(refused.status).toBe(403);
    const published = await h.inject('POST', '/v1/rulesets/england-and-wales/versions', {
      token: admin,
      body: { title: 'England and Wales, first victim contact within 12 hours', rules },
    });
    expect(published.status).toBe(201);
    expect(published.body.version).toBe(2);
    expect(published.headers.location).toBe('/v1/rulesets/england-and-wales/versions/2');

    const v1 = await clocksOf('?ruleset=england-and-wales@1');
    const v2 = await clocksOf('?ruleset=england-and-wales@2');
    const latest = await clocksOf();
    expect(clock(v1, 'first-victim-contact')?.status).toBe('met');
    expect(clock(v2, 'first-victim-contact')?.status).toBe('breached');
    expect(latest.ruleset.version).toBe(2);
  });

  it('refuses a ruleset that cannot work, naming each problem', async () => {
    const reply = await h.inject('POST', '/v1/rulesets/local-targets/versions', {
      token: admin,
      body: {
        title: 'Broken',
        rules: [
          {
            id: 'r1',
            title: 'Broken rule',
            source: { text: 'none', kind: 'local-target' },
            start: { type: 'ReportTeleported', occurrence: 'first' },
            stop: { type: 'ReferralMade', where: { colour: ['red'] } },
            limit: [
              { effectiveFrom: '2024-01-01', duration: 'PT24H' },
              { effectiveFrom: '2024-01-01', duration: 'PT12H' },
            ],
            calendar: 'england-and-wales',
          },
        ],
      },
    });
    expect(reply.status).toBe(400);
    const paths = reply.body.errors.map((e: { path: string }) => e.path).join(' ');
    expect(paths).toContain('rules[0].start.type');
    expect(paths).toContain('rules[0].stop.where.colour');
    expect(paths).toContain('rules[0].limit[1].effectiveFrom');
    expect((await h.inject('GET', '/v1/rulesets/local-targets', { token: admin })).status).toBe(404);
  });

  it('refuses an unknown ruleset version and a malformed reference', async () => {
    const unknown = await h.inject('GET', `/v1/cases/${caseId}/timeliness?ruleset=england-and-wales@9`, { token: investigator });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('RULESET_NOT_FOUND');
    const malformed = await h.inject('GET', `/v1/cases/${caseId}/timeliness?ruleset=England%20and%20Wales`, { token: investigator });
    expect(malformed.status).toBe(400);
  });
});
