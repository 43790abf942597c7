import { type HouseholdDto, isHouseholdRole, type UserDto } from '@spil/shared';
import { Link } from 'react-router-dom';
import { ErrorMessage } from '../../components/ErrorMessage';
import { keys, queryClient, useData } from '../../lib/query';
import { EvaluationForm, EvaluationList } from './EvaluationSection';
import { MeetingList } from './MeetingList';
import { overlegQueries } from './overleg-api';
import './overleg.css';

/** A `lid` of the team or the coördinator plans overleg (the server decides; this only hides buttons). */
export function canPlanMeetings(
  household: Pick<HouseholdDto, 'myRole'>,
  user: Pick<UserDto, 'systemRole'>,
): boolean {
  return household.myRole === 'lid' || user.systemRole === 'coordinator';
}

/** The household's overlegmomenten (tip 5) and the evaluations of the collaboration (tip 9). */
export function OverlegSection({ household, user }: { household: HouseholdDto; user: UserDto }) {
  // Planned, moved or decided elsewhere: `household:changed` makes these stale (live-queries).
  const upcoming = useData(overlegQueries.list(household.id, 'upcoming'));
  const past = useData(overlegQueries.list(household.id, 'past'));
  const professional = household.myRole === null || !isHouseholdRole(household.myRole);
  const evaluations = useData({
    ...overlegQueries.evaluations(household.id),
    enabled: professional,
  });

  return (
    <>
      <div className="casus-toolbar">
        {canPlanMeetings(household, user) && (
          <Link
            className="button button--primary"
            to={`/huishoudens/${household.id}/overleg/plannen`}
          >
            Overleg plannen
          </Link>
        )}
        <Link className="button" to="/mijn-overleggen">
          Mijn overleggen
        </Link>
      </div>
      <h3>Komende overleggen</h3>
      <ErrorMessage message={upcoming.error} />
      {upcoming.data && (
        <MeetingList meetings={upcoming.data} empty="Er is geen overleg gepland." />
      )}
      <h3>Eerdere overleggen</h3>
      <ErrorMessage message={past.error} />
      {past.data && <MeetingList meetings={past.data} empty="Er is nog geen overleg geweest." />}
      {professional && (
        <>
          <h3 id="samenwerking">Evaluatie van de samenwerking</h3>
          <ErrorMessage message={evaluations.error} />
          {evaluations.data && <EvaluationList items={evaluations.data} />}
          <EvaluationForm
            householdId={household.id}
            defaultMoment="tussentijds"
            onSaved={() =>
              void queryClient.invalidateQueries({
                queryKey: keys.household(household.id, 'collaboration-evaluations'),
              })
            }
          />
        </>
      )}
    </>
  );
}
