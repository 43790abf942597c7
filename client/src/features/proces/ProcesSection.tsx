/**
 * The process of one household on its page: escalation banner, quickscan
 * and colour timeline, escalations, ZRM with a spider chart, evaluation and
 * closing, and the effect calculator. What a reader may see and do follows
 * the server's rules; the server checks them again.
 */
import type { HouseholdDto, UserDto } from '@spil/shared';
import { useRevalidator } from 'react-router-dom';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ColourPanel } from './ColourPanel';
import { EffectsPanel } from './EffectsPanel';
import { announceEscalationsChanged, EscalationsPanel } from './Escalations';
import { EvaluationPanel, type PlanGoal } from './EvaluationPanel';
import { type ProcesPermissions, procesPermissions } from './permissions';
import { procesApi } from './proces-api';
import { useResource } from '../../lib/use-resource';
import { useProcesChanged } from '../events/use-proces-changed';
import { ZrmPanel } from './ZrmPanel';
import './proces.css';

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
  const revalidator = useRevalidator();
  const colour = useResource(() => procesApi.colour(id), id);
  const escalations = useResource(() => procesApi.escalations(id), id);
  const effects = useResource(() => procesApi.effects(id), id);
  // Changed by someone else (or in another tab): load that part again.
  useProcesChanged(id, (e) => {
    if (e.what === 'kleur') colour.reload();
    if (e.what === 'escalatie') escalations.reload();
  });
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
            colour.set(o);
            // A first quickscan moves the phase on.
            void revalidator.revalidate();
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
            escalations.reload();
            announceEscalationsChanged(id);
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
          onChange={effects.set}
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
  const revalidator = useRevalidator();
  const zrm = useResource(() => procesApi.zrm(id), id);
  const evaluation = useResource(() => procesApi.evaluation(id), id);
  useProcesChanged(id, (e) => {
    if (e.what === 'fase') {
      evaluation.reload();
      zrm.reload();
    }
  });
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
            evaluation.set(o);
            zrm.reload();
            void revalidator.revalidate();
          }}
        />
      ) : null}
    </div>
  );
}

export default ProcesSection;
