import {
  type Actie,
  ACTIE_STATUS_LABELS,
  ACTIE_STATUSES,
  type ActieStatus,
  isOverdue,
  PLAN_TEXT_LIMITS,
} from '@spil/shared';
import { useId } from 'react';
import { useCurrentUser } from '../../app/session';
import { formatDate, todayIso } from '../../lib/format';
import { ActieHistory } from '../acties/ActieHistory';
import { TerugkoppelForm } from '../acties/TerugkoppelForm';
import { OwnerSelect } from './OwnerSelect';
import { usePlan } from './plan-context';
import { PlanText } from './PlainTextField';
import { useObserveDeep } from './use-y';

/**
 * One action with its fields, its terugkoppelingen and the form to feed back.
 * `embedded`: inside a row of the compact list (`ActieRow`), which shows the
 * title, badges and summary itself.
 */
export function ActieItem({ actie, embedded = false }: { actie: Actie; embedded?: boolean }) {
  const { session, canEdit, owners } = usePlan();
  const id = useId();
  const update = (patch: Parameters<typeof session.plan.updateActie>[1]) =>
    session.plan.updateActie(actie.id, patch);
  const overdue = isOverdue(actie, todayIso());
  const owner = owners.find((o) => o.userId === actie.eigenaarId);
  const user = useCurrentUser();
  // The regiehouder lives in the plan's server part; it may change while the plan is open.
  useObserveDeep(session.plan.serverMap);
  const regiehouder = session.plan.regie()?.userId === user.id;
  const mayFeedBack = canEdit && (actie.eigenaarId === user.id || regiehouder);
  const Tag = embedded ? 'div' : 'li';
  return (
    <Tag
      className={
        embedded
          ? 'actie__body'
          : `card actie actie--${actie.status}${overdue ? ' actie--overdue' : ''}`
      }
      aria-labelledby={embedded ? undefined : `${id}-kop`}
    >
      {!embedded && <ActieKop id={id} actie={actie} owner={owner} overdue={overdue} />}
      <div className="actie__grid">
        <div className="field field--wide">
          <label htmlFor={`${id}-titel`}>Wat gaat er gebeuren</label>
          <PlanText
            id={`${id}-titel`}
            root="acties"
            entryId={actie.id}
            fieldKey="titel"
            value={actie.titel}
            maxChars={PLAN_TEXT_LIMITS.actieTitel}
            disabled={!canEdit}
            onChange={(titel) => update({ titel })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-eigenaar`}>Eigenaar</label>
          <OwnerSelect
            id={`${id}-eigenaar`}
            value={actie.eigenaarId}
            disabled={!canEdit}
            onChange={(eigenaarId) => update({ eigenaarId })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-deadline`}>Uiterlijk op</label>
          <input
            id={`${id}-deadline`}
            className="input"
            type="date"
            value={actie.deadline ?? ''}
            disabled={!canEdit}
            onChange={(e) => update({ deadline: e.target.value || null })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-status`}>Status</label>
          <select
            id={`${id}-status`}
            className="input"
            value={actie.status}
            disabled={!canEdit}
            onChange={(e) => update({ status: e.target.value as ActieStatus })}
          >
            {ACTIE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {ACTIE_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="field field--wide">
          <label htmlFor={`${id}-inschakelen`}>Wanneer schakel je de ander in</label>
          <PlanText
            id={`${id}-inschakelen`}
            root="acties"
            entryId={actie.id}
            fieldKey="inschakelen"
            multiline
            rows={2}
            maxChars={PLAN_TEXT_LIMITS.inschakelen}
            value={actie.inschakelen}
            disabled={!canEdit}
            onChange={(inschakelen) => update({ inschakelen })}
          />
        </div>
      </div>
      <ActieHistory updates={actie.updates} />
      {mayFeedBack && (
        <TerugkoppelForm
          householdId={session.householdId}
          actieId={actie.id}
          titel={actie.titel}
          status={actie.status}
        />
      )}
    </Tag>
  );
}

/** An action's title with its status badges and who does it by when: the same in the list and the card. */
export function ActieKop({
  id,
  actie,
  owner,
  overdue,
}: {
  id: string;
  actie: Actie;
  owner: { name: string } | undefined;
  overdue: boolean;
}) {
  return (
    <>
      <div className="actie__head">
        <h4 className="actie__kop" id={`${id}-kop`}>
          {actie.titel || 'Actie zonder titel'}
        </h4>
        <p className="actie__badges">
          <span className={`badge badge--status-${actie.status}`}>
            {ACTIE_STATUS_LABELS[actie.status]}
          </span>
          {overdue && <span className="badge badge--overdue">Te laat</span>}
          {!owner && <span className="badge badge--zonder">Zonder eigenaar</span>}
        </p>
      </div>
      <p className="muted actie__summary">
        {owner
          ? `Eigenaar: ${owner.name}`
          : actie.eigenaarId
            ? 'De eigenaar staat niet meer in het team'
            : 'Nog geen eigenaar'}
        {actie.deadline ? ` · uiterlijk ${formatDate(actie.deadline)}` : ''}
      </p>
    </>
  );
}
