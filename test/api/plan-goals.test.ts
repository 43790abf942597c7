/**
 * GET /api/households/:id/doelen: the evaluation form's goals from an
 * endpoint of their own (not the whole FHIR export). Need-to-know, recorded
 * as `doelen.read`, and the inwoner's access overview says what happened:
 * the regiehouder looked at the doelen, not "made an export of your file".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessLogEntryDto, PlanGoalsDto } from '@spil/shared';
import { PLAN_DOCUMENTS, type PlanDocuments } from '../../server/src/common/plan-documents.port';
import { householdByName } from '../factories';
import { databaseKinds } from '../support/database';
import { api, loginAs } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';
import { auditRows } from './accountability-helpers';

describe.each(databaseKinds())('the plan’s doelen for the evaluation form on %s', (kind) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(kind);
  });
  afterAll(async () => s?.stop());

  it('gives the doelen as stored, records doelen.read, and the inwoner reads "de doelen van uw plan bekeken"', async () => {
    const bakker = await householdByName(s, 'Gezin Bakker');
    const mw = await loginAs(s.url, 'maatschappelijk-werker');
    expect(mw.user.name).toBe('Johan Kuipers');

    const res = await api<PlanGoalsDto>(s.url, 'GET', `/api/households/${bakker.id}/doelen`, {
      token: mw.token,
    });
    expect(res.status).toBe(200);
    const { goals } = PlanGoalsDto.parse(res.body);
    const plan = await s.app.get<PlanDocuments>(PLAN_DOCUMENTS).read(bakker.id);
    expect(goals.length).toBeGreaterThan(0);
    expect(goals).toEqual(plan.doelen.map((d) => ({ id: d.id, titel: d.titel, domein: d.domein })));
    // Only the doelen leave: nothing else of the plan.
    expect(Object.keys(res.body)).toEqual(['goals']);
    for (const g of res.body.goals)
      expect(Object.keys(g).sort()).toEqual(['domein', 'id', 'titel']);

    const rows = await auditRows(s, 'user_id = $1 AND household_id = $2', [mw.user.id, bakker.id]);
    expect(rows.filter((r) => r.event === 'doelen.read')).toEqual([
      expect.objectContaining({ action: 'R', outcome: 'success', part: 'doelen' }),
    ]);
    expect(rows.some((r) => r.part === 'export')).toBe(false);

    const inwoner = await loginAs(s.url, 'inwoner');
    const log = await api<AccessLogEntryDto[]>(s.url, 'GET', '/api/me/access-log', {
      token: inwoner.token,
    });
    expect(log.status).toBe(200);
    const lines = log.body.map((e) => AccessLogEntryDto.parse(e));
    const byJohan = lines.filter((e) => e.who === 'Johan Kuipers').map((e) => e.sentence);
    expect(byJohan).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^Op \w+dag \d+ \w+ \d{4} om \d{2}:\d{2} heeft Johan Kuipers \([^)]+\) de doelen van uw plan bekeken\.$/,
        ),
      ]),
    );
    expect(byJohan.some((l) => l.includes('export'))).toBe(false);
  });

  it('is need-to-know: 404 for someone off the team, and documented in OpenAPI', async () => {
    const bakker = await householdByName(s, 'Gezin Bakker');
    const outsider = await loginAs(s.url, 'wijkverpleegkundige');
    const res = await api(s.url, 'GET', `/api/households/${bakker.id}/doelen`, {
      token: outsider.token,
    });
    expect(res.status).toBe(404);
    const anonymous = await api(s.url, 'GET', `/api/households/${bakker.id}/doelen`);
    expect(anonymous.status).toBe(401);

    const docs = await api<{ paths: Record<string, Record<string, unknown>> }>(
      s.url,
      'GET',
      '/api/docs-json',
    );
    expect(docs.body.paths['/api/households/{id}/doelen']?.get).toBeDefined();
  });
});
