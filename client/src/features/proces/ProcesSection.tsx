/**
 * The process of one household on its page: escalation banner, quickscan
 * and colour timeline, escalations, ZRM with a spider chart, evaluation and
 * closing, and the effect calculator. What a reader may see and do follows
 * the server's rules; the server checks them again.
 */
import type { HouseholdDto, UserDto } from '@spil/shared';
import { ErrorMessage } from '../../components/ErrorMessage';
import { keys, queryClient, useData } from '../../lib/query';
import { ColourPanel } from './ColourPanel';
import { EffectsPanel } from './EffectsPanel';
import { EscalationsPanel } from './Escalations';
import { EvaluationPanel, type PlanGoal } from './EvaluationPanel';
import { type ProcesPermissions, procesPermissions } from './permissions';
import { procesQueries } from './proces-api';
import { ZrmPanel } from './ZrmPanel';
import './proces.css';

/** The household's detail, its other parts and every list that shows its phase. */
function stale(householdId: string): void {
  void queryClient.invalidateQueries({ queryKey: keys.household(householdId) });
  void queryClient.invalidateQueries({ queryKey: keys.households() });
}

function Loading({ what }: { what: string }) {
  return <p role="status" className="muted">{`${what} wordt geladen…`}</p>;
}

function InternalParts({
  household,
  can,
  closed,
}: {
  household: HouseholdDto;
  can: ProcesPermissions;
  closed: boolean;
}) {
  const id = household.id;
  // Changed by someone else (or in another tab): `proces:changed` makes that part stale.
  const colour = useData(procesQueries.colour(id));
  const escalations = useData(procesQueries.escalations(id));
  const effects = useData(procesQueries.effects(id));
  return (
    <>
      <ErrorMessage message={colour.error ?? escalations.error} />
      {colour.data ? (
        <ColourPanel
          householdId={id}
          overview={colour.data}
          canWrite={can.write}
          closed={closed}
          onChange={(o) => {
            queryClient.setQueryData(procesQueries.colour(id).queryKey, o);
            // A first quickscan moves the phase on: the household and the lists follow.
            stale(id);
          }}
        />
      ) : colour.loading ? (
        <Loading what="De quickscan" />
      ) : null}
      {escalations.data ? (
        <EscalationsPanel
          householdId={id}
          escalations={escalations.data}
          colour={colour.data?.current ?? null}
          canWrite={can.write}
          closed={closed}
          onChange={() => {
            // The panel and the banner share this query.
            void queryClient.invalidateQueries({
              queryKey: procesQueries.escalations(id).queryKey,
            });
            void queryClient.invalidateQueries({ queryKey: keys.households() });
          }}
        />
      ) : null}
      <ErrorMessage message={effects.error} />
      {effects.data ? (
        <EffectsPanel
          key={effects.data.estimate?.at ?? 'new'}
          householdId={id}
          effects={effects.data}
          canWrite={can.write}
          onChange={(e) => {
            queryClient.setQueryData(procesQueries.effects(id).queryKey, e);
            // The budget's net effect sets the support's costs against these avoided costs.
            void queryClient.invalidateQueries({ queryKey: keys.household(id, 'budget') });
          }}
        />
      ) : null}
    </>
  );
}

export function ProcesSection({
  household,
  user,
  goals,
}: {
  household: HouseholdDto;
  user: UserDto;
  goals?: PlanGoal[];
}) {
  const id = household.id;
  const can = procesPermissions(household, user);
  const zrm = useData(procesQueries.zrm(id));
  const evaluation = useData(procesQueries.evaluation(id));
  const closed = (evaluation.data?.phase ?? household.phase) === 'afgesloten';
  return (
    <div className="proces stack">
      {can.internal ? <InternalParts household={household} can={can} closed={closed} /> : null}
      <ErrorMessage message={zrm.error} />
      {zrm.data ? (
        <ZrmPanel
          householdId={id}
          members={household.members}
          scores={zrm.data}
          canWrite={can.write}
          closed={closed}
          onChange={zrm.reload}
        />
      ) : zrm.loading ? (
        <Loading what="De ZRM" />
      ) : null}
      <ErrorMessage message={evaluation.error} />
      {evaluation.data && zrm.data ? (
        <EvaluationPanel
          householdId={id}
          overview={evaluation.data}
          goals={goals}
          members={household.members}
          zrm={zrm.data}
          canManage={can.manage}
          onChange={(o) => {
            queryClient.setQueryData(procesQueries.evaluation(id).queryKey, o);
            // Closing or reopening changes the phase: the household, its ZRM and the lists follow.
            stale(id);
          }}
        />
      ) : null}
    </div>
  );
}

export default ProcesSection;
