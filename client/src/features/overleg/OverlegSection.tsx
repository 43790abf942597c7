import { type HouseholdDto, isHouseholdRole, type UserDto } from '@spil/shared';
import { useCallback } from 'react';
import { Link } from 'react-router-dom';
import { ErrorMessage } from '../../components/ErrorMessage';
import { EvaluationForm, EvaluationList } from './EvaluationSection';
import { MeetingList } from './MeetingList';
import { listEvaluations, listMeetings } from './overleg-api';
import { useHouseholdChanged } from './use-household-changed';
import { useLoad } from './use-load';
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
  const upcoming = useLoad(`${household.id}:upcoming`, () =>
    listMeetings(household.id, 'upcoming'),
  );
  const past = useLoad(`${household.id}:past`, () => listMeetings(household.id, 'past'));
  const professional = household.myRole === null || !isHouseholdRole(household.myRole);
  const evaluations = useLoad(`${household.id}:${professional}`, () =>
    professional ? listEvaluations(household.id) : Promise.resolve([]),
  );
  const { reload: reloadUpcoming } = upcoming;
  const { reload: reloadPast } = past;
  const { reload: reloadEvaluations } = evaluations;
  const reloadAll = useCallback(() => {
    reloadUpcoming();
    reloadPast();
    reloadEvaluations();
  }, [reloadUpcoming, reloadPast, reloadEvaluations]);
  useHouseholdChanged(household.id, ['meetings', 'team'], reloadAll);

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
            onSaved={() => evaluations.reload()}
          />
        </>
      )}
    </>
  );
}
