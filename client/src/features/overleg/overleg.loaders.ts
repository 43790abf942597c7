import { householdQueries } from '../../api/households';
import { authed } from '../../app/session';
import { loadQuery } from '../../lib/query';
import { overlegQueries } from './overleg-api';

export const meetingLoader = authed(async ({ params }) => {
  const id = params.id ?? '';
  await Promise.all([
    loadQuery(overlegQueries.meeting(id, params.meetingId ?? '')),
    loadQuery(householdQueries.detail(id)),
  ]);
  return null;
});

export const plannerLoader = authed(({ params }) =>
  loadQuery(householdQueries.detail(params.id ?? '')),
);

export const myMeetingsLoader = authed(() => loadQuery(overlegQueries.mine('all')));
