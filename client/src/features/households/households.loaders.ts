import { getHousehold, listHouseholds } from '../../api/households';
import { authed } from '../../app/session';

export const householdsLoader = authed(() => listHouseholds());

export const householdLoader = authed(({ params }) => getHousehold(params.id ?? ''));
