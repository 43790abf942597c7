/**
 * The voorzieningen of a household on its page: which support runs, under
 * which law and beschikking, who gives it, for which doel or actie, at what
 * cost; with the household's budget and net effect. Professionals on the
 * team and the coördinator read; a lid and the coördinator change. Another
 * member's change arrives as `household:changed` (`voorzieningen`) and
 * live-queries makes this stale: no reload.
 */
import {
  BESCHIKKING_STATUS_LABELS,
  type HouseholdDto,
  type UserDto,
  type VoorzieningDto,
  type VoorzieningLinksDto,
  voorzieningFase,
  VOORZIENING_FASE_LABELS,
  voorzieningLabel,
  VORM_LABELS,
  WET_LABELS,
} from '@spil/shared';
import { useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatDate, formatDecimal, formatEuro, todayIso } from '../../lib/format';
import { keys, useData } from '../../lib/query';
import { useSubmit } from '../../lib/use-submit';
import { usePlanFollowers } from '../events/live-queries';
import { procesPermissions } from '../proces/permissions';
import { BudgetPanel } from './BudgetPanel';
import { VoorzieningForm } from './VoorzieningForm';
import { voorzieningenApi, voorzieningenQueries } from './voorzieningen-api';
import './voorzieningen.css';

const PLAN_PARTS = ['voorziening-koppelingen', 'budget'] as const;

function linkTitle(v: VoorzieningDto, links: VoorzieningLinksDto | undefined): string | null {
  if (v.actieId) {
    const a = links?.acties.find((x) => x.id === v.actieId);
    return a ? `Actie: ${a.titel || 'zonder titel'}` : 'Actie (niet meer in het plan)';
  }
  if (v.doelId) {
    const d = links?.doelen.find((x) => x.id === v.doelId);
    return d ? `Doel: ${d.titel || 'zonder titel'}` : 'Doel (niet meer in het plan)';
  }
  return null;
}

function Period({ v }: { v: VoorzieningDto }) {
  return (
    <>
      {formatDate(v.startOp)} – {v.eindOp ? formatDate(v.eindOp) : 'geen einddatum'}
    </>
  );
}

function VoorzieningItem({
  v,
  links,
  canWrite,
  onEdit,
  householdId,
}: {
  v: VoorzieningDto;
  links: VoorzieningLinksDto | undefined;
  canWrite: boolean;
  onEdit: () => void;
  householdId: string;
}) {
  const fase = voorzieningFase(v, todayIso());
  const link = linkTitle(v, links);
  const remove = useSubmit(() => voorzieningenApi.remove(householdId, v.id), {
    invalidates: [
      keys.household(householdId, 'voorzieningen'),
      keys.household(householdId, 'budget'),
    ],
  });
  const b = v.beschikking;
  return (
    <li className="card vz-item">
      <div className="vz-item__head">
        <h4>{voorzieningLabel(v)}</h4>
        <span className={`badge vz-fase vz-fase--${fase}`}>{VOORZIENING_FASE_LABELS[fase]}</span>
      </div>
      <dl className="facts">
        <div>
          <dt>Wet en vorm</dt>
          <dd>
            {WET_LABELS[v.wet]} · {VORM_LABELS[v.vorm]}
          </dd>
        </div>
        <div>
          <dt>Aanbieder</dt>
          <dd>{v.aanbieder}</dd>
        </div>
        <div>
          <dt>Periode</dt>
          <dd>
            <Period v={v} />
          </dd>
        </div>
        <div>
          <dt>Kosten per maand</dt>
          <dd>
            {formatEuro(v.kostenPerMaandCents)}
            {v.urenPerWeek !== null ? (
              <span className="muted"> · {formatDecimal(v.urenPerWeek)} uur per week</span>
            ) : null}
            {v.kostenUitPrijslijst ? <span className="muted"> · prijslijst</span> : null}
          </dd>
        </div>
        {b ? (
          <div>
            <dt>Beschikking</dt>
            <dd>
              {BESCHIKKING_STATUS_LABELS[b.status]}
              {b.kenmerk ? <span className="muted"> · {b.kenmerk}</span> : null}
              <span className="muted"> · aangevraagd {formatDate(b.aangevraagdOp)}</span>
            </dd>
          </div>
        ) : null}
        {link ? (
          <div>
            <dt>Voor</dt>
            <dd>{link}</dd>
          </div>
        ) : null}
      </dl>
      {canWrite ? (
        <div className="vz-buttons">
          <button type="button" className="button button--small" onClick={onEdit}>
            Wijzigen<span className="visually-hidden">: {voorzieningLabel(v)}</span>
          </button>
          <button
            type="button"
            className="button button--small"
            disabled={remove.busy}
            onClick={() => {
              if (window.confirm(`${voorzieningLabel(v)} verwijderen? Alleen bij een vergissing.`))
                void remove.run();
            }}
          >
            Verwijderen<span className="visually-hidden">: {voorzieningLabel(v)}</span>
          </button>
        </div>
      ) : null}
      <ErrorMessage message={remove.error} />
    </li>
  );
}

export function VoorzieningenSection({
  household,
  user,
}: {
  household: HouseholdDto;
  user: UserDto;
}) {
  const can = procesPermissions(household, user);
  const id = household.id;
  const list = useData({ ...voorzieningenQueries.list(id), enabled: can.internal });
  const budget = useData({ ...voorzieningenQueries.budget(id), enabled: can.internal });
  const links = useData({ ...voorzieningenQueries.links(id), enabled: can.internal });
  const prices = useData({ ...voorzieningenQueries.prices(), enabled: can.write });
  const [editing, setEditing] = useState<VoorzieningDto | 'new' | null>(null);
  // A doel or actie added, renamed or done in the plan: the choices and the warnings follow.
  usePlanFollowers(id, PLAN_PARTS);
  if (!can.internal) return <p className="muted">De voorzieningen staan voor u in Mijn plan.</p>;
  const closed = household.phase === 'afgesloten';
  const items = list.data ?? [];
  return (
    <div className="vz">
      <ErrorMessage message={list.error ?? budget.error} />
      {budget.data ? <BudgetPanel budget={budget.data} /> : null}
      {list.loading ? (
        <p role="status" className="muted">
          Voorzieningen worden geladen…
        </p>
      ) : items.length === 0 ? (
        <p className="muted">Er zijn nog geen voorzieningen vastgelegd.</p>
      ) : (
        <ul className="vz-list" aria-label="Voorzieningen">
          {items.map((v) =>
            editing !== 'new' && editing?.id === v.id ? (
              <li key={v.id} className="vz-list__form">
                <VoorzieningForm
                  householdId={id}
                  existing={v}
                  links={links.data}
                  prices={prices.data}
                  onDone={() => setEditing(null)}
                  onCancel={() => setEditing(null)}
                />
              </li>
            ) : (
              <VoorzieningItem
                key={v.id}
                v={v}
                links={links.data}
                canWrite={can.write}
                householdId={id}
                onEdit={() => setEditing(v)}
              />
            ),
          )}
        </ul>
      )}
      {can.write && editing === 'new' ? (
        <VoorzieningForm
          householdId={id}
          existing={null}
          links={links.data}
          prices={prices.data}
          onDone={() => setEditing(null)}
          onCancel={() => setEditing(null)}
        />
      ) : null}
      {can.write && editing === null && !closed ? (
        <button type="button" className="button button--primary" onClick={() => setEditing('new')}>
          Voorziening toevoegen
        </button>
      ) : null}
    </div>
  );
}

export default VoorzieningenSection;
