import type { HouseholdDto, UserDto } from '@spil/shared';
import { HouseholdEscalationBanner } from './Escalations';
import { procesPermissions } from './permissions';

/** The escalation banner for the top of the household page; nothing for the household's own people. */
export function ProcesBanner({ household, user }: { household: HouseholdDto; user: UserDto }) {
  if (!procesPermissions(household, user).internal) return null;
  return <HouseholdEscalationBanner householdId={household.id} />;
}
