import { isOpenStatus } from '@spil/shared';
import { ActieItem } from './ActieItem';
import { NewActieForm } from './NewActieForm';
import { usePlan } from './plan-context';
import { useObserveDeep } from './use-y';

/** Who does what, by when, and when to involve the other (tip 6). */
export function ActiesSection() {
  const { session, canEdit } = usePlan();
  useObserveDeep(session.plan.actiesMap);
  const acties = session.plan.acties();
  const open = acties.filter((a) => isOpenStatus(a.status)).length;
  return (
    <section className="plan-part" aria-labelledby="plan-acties">
      <h3 id="plan-acties">Acties</h3>
      <p className="hint">
        {acties.length === 0
          ? 'Er zijn nog geen acties.'
          : `${acties.length} ${acties.length === 1 ? 'actie' : 'acties'}, waarvan ${open} nog open.`}
      </p>
      {acties.length > 0 && (
        <ul className="actie-list">
          {acties.map((a) => (
            <ActieItem key={a.id} actie={a} />
          ))}
        </ul>
      )}
      {canEdit && <NewActieForm />}
    </section>
  );
}
