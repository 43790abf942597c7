import { householdQueries } from '../../api/households';
import { authed } from '../../app/session';
import { loadQuery } from '../../lib/query';

export const householdLoader = authed(async ({ params }) => {
  await loadQuery(householdQueries.detail(params.id ?? ''));
  return null;
});
