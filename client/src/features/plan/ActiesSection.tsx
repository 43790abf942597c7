import { type Actie, isOpenStatus, isOverdue } from '@spil/shared';
import { useId } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useCurrentUser } from '../../app/session';
import { formatDateShort, todayIso } from '../../lib/format';
import { TerugkoppelForm } from '../acties/TerugkoppelForm';
import { ActieItem, ActieKop } from './ActieItem';
import { NewActieForm } from './NewActieForm';
import { usePlan } from './plan-context';
import { useObserveDeep } from './use-y';

const FILTERS = { open: 'Open', mijn: 'Mijn acties', klaar: 'Afgerond' } as const;
type Filter = keyof typeof FILTERS;

/** Open first by due date (none last), then by title. */
function byDue(a: Actie, b: Actie): number {
  return (
    (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999') ||
    a.titel.localeCompare(b.titel, 'nl')
  );
}

/**
 * One action as a compact row: title, badges, owner and due date, the last
 * terugkoppeling. "Openen" shows the editor (`ActieItem`) in place; which
 * action is open is kept in the URL (`actie=`).
 */
function ActieRow({
  actie,
  open,
  onToggle,
}: {
  actie: Actie;
  open: boolean;
  onToggle: () => void;
}) {
  const { session, canEdit, owners } = usePlan();
  const user = useCurrentUser();
  const id = useId();
  const overdue = isOverdue(actie, todayIso());
  const owner = owners.find((o) => o.userId === actie.eigenaarId);
  const last = actie.updates.at(-1);
  const regiehouder = session.plan.regie()?.userId === user.id;
  const mayFeedBack = canEdit && (actie.eigenaarId === user.id || regiehouder);
  return (
    <li
      className={`card actie actie--compact actie--${actie.status}${overdue ? ' actie--overdue' : ''}${open ? ' actie--open' : ''}`}
      aria-labelledby={`${id}-kop`}
    >
      <ActieKop id={id} actie={actie} owner={owner} overdue={overdue} />
      {!open && last && (
        <p className="actie-history actie-history--last">
          <span className="muted">
            Laatste terugkoppeling, {formatDateShort(last.tijd)}, {last.auteurNaam}:
          </span>{' '}
          {last.tekst.length > 140 ? `${last.tekst.slice(0, 140).trimEnd()}…` : last.tekst}
        </p>
      )}
      <div className="actie__row-buttons">
        <button
          type="button"
          className="button button--small"
          aria-expanded={open}
          onClick={onToggle}
        >
          {open ? 'Sluiten' : 'Openen'}
          <span className="visually-hidden">: {actie.titel || 'actie zonder titel'}</span>
        </button>
      </div>
      {!open && mayFeedBack && (
        <TerugkoppelForm
          householdId={session.householdId}
          actieId={actie.id}
          titel={actie.titel}
          status={actie.status}
        />
      )}
      {open && <ActieItem actie={actie} embedded />}
    </li>
  );
}

/** Who does what, by when, and when to involve the other (tip 6): a compact list, filtered. */
export function ActiesSection() {
  const { session, canEdit } = usePlan();
  const user = useCurrentUser();
  useObserveDeep(session.plan.actiesMap);
  useObserveDeep(session.plan.serverMap);
  const [sp, setSp] = useSearchParams();
  const f = sp.get('acties');
  const filter: Filter = f === 'mijn' || f === 'klaar' ? f : 'open';
  const openId = sp.get('actie');
  const acties = session.plan.acties();
  const openCount = acties.filter((a) => isOpenStatus(a.status)).length;
  const setParam = (k: string, v: string | null) =>
    setSp(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (v) next.set(k, v);
        else next.delete(k);
        return next;
      },
      { replace: true, preventScrollReset: true },
    );
  const shown = acties
    .filter((a) =>
      filter === 'klaar'
        ? !isOpenStatus(a.status)
        : filter === 'mijn'
          ? a.eigenaarId === user.id
          : isOpenStatus(a.status),
    )
    .sort(byDue);
  const folded = filter === 'open' ? acties.filter((a) => !isOpenStatus(a.status)).sort(byDue) : [];
  const row = (a: Actie) => (
    <ActieRow
      key={a.id}
      actie={a}
      open={openId === a.id}
      onToggle={() => setParam('actie', openId === a.id ? null : a.id)}
    />
  );
  return (
    <section className="plan-part" aria-labelledby="plan-acties">
      <h3 id="plan-acties">Acties</h3>
      <p className="hint">
        {acties.length === 0
          ? 'Er zijn nog geen acties.'
          : `${acties.length} ${acties.length === 1 ? 'actie' : 'acties'}, waarvan ${openCount} nog open.`}
      </p>
      {acties.length > 0 && (
        <div className="view-toggle actie-filter" role="group" aria-label="Welke acties">
          {(Object.keys(FILTERS) as Filter[]).map((k) => (
            <button
              key={k}
              type="button"
              className="button button--toolbar button--small"
              aria-pressed={filter === k}
              onClick={() => setParam('acties', k === 'open' ? null : k)}
            >
              {FILTERS[k]}
            </button>
          ))}
        </div>
      )}
      {shown.length > 0 ? (
        <ul className="actie-list">{shown.map(row)}</ul>
      ) : (
        acties.length > 0 && <p>Geen acties in deze selectie.</p>
      )}
      {folded.length > 0 && (
        <details className="actie-folded">
          <summary>Afgeronde en vervallen acties ({folded.length})</summary>
          <ul className="actie-list">{folded.map(row)}</ul>
        </details>
      )}
      {canEdit && <NewActieForm />}
    </section>
  );
}
