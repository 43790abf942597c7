import {
  type AgendaItem,
  amsterdamDate,
  isHouseholdRole,
  MEETING_KIND_DESCRIPTIONS,
  MEETING_KIND_LABELS,
  MEETING_KINDS,
  type MeetingKind,
  shiftDate,
  TEAM_ROLE_LABELS,
} from '@spil/shared';
import { type FormEvent, useId, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { householdQueries } from '../../api/households';
import { useCurrentUser } from '../../app/session';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageHeading } from '../../components/PageHeading';
import { disciplineLabel } from '../../lib/labels';
import { keys, useData, useLoadedQuery } from '../../lib/query';
import { useSubmit } from '../../lib/use-submit';
import { AgendaEditor } from './AgendaEditor';
import { householdPath } from '../households/household-tabs';
import { MeetingWhenWhere, type WhenWhere, whenWhereFields } from './MeetingWhenWhere';
import { overlegQueries, planMeeting } from './overleg-api';
import './overleg.css';

/** Plan an overleg: when, where, who, and an agenda drafted from the plan to edit. */
export function MeetingPlannerPage() {
  const household = useLoadedQuery(householdQueries.detail(useParams().id ?? ''));
  const user = useCurrentUser();
  const navigate = useNavigate();
  const id = useId();
  const [kind, setKind] = useState<MeetingKind>('casusoverleg');
  const [title, setTitle] = useState('');
  const [when, setWhen] = useState<WhenWhere>(() => ({
    date: shiftDate(amsterdamDate(new Date()), 7),
    time: '14:00',
    durationMinutes: 60,
    location: '',
    onlineUrl: '',
  }));
  const [invitees, setInvitees] = useState<Set<string>>(
    () => new Set(household.team.some((m) => m.userId === user.id) ? [user.id] : []),
  );
  const [naasten, setNaasten] = useState<{ key: string; name: string; relation: string }[]>([]);
  // The agenda is drafted from the plan for the chosen kind, until the planner edits it.
  const draft = useData(overlegQueries.agendaDraft(household.id, kind));
  const [edited, setEdited] = useState<AgendaItem[] | null>(null);
  const agendaEdited = edited !== null;
  const agenda = edited ?? draft.data ?? null;
  const agendaError = draft.error;
  const send = useSubmit(
    () =>
      planMeeting(household.id, {
        kind,
        title,
        ...whenWhereFields(when),
        inviteeIds: [...invitees],
        naasten: naasten
          .filter((n) => n.name.trim())
          .map(({ name, relation }) => ({ name, relation: relation.trim() || 'naaste' })),
        ...(agenda ? { agenda: agenda.filter((a) => a.titel.trim()) } : {}),
      }),
    {
      invalidates: [keys.household(household.id, 'meetings'), keys.me('meetings')],
      onSuccess: (m) => navigate(`/huishoudens/${household.id}/overleg/${m.id}`),
    },
  );
  const { busy, error } = send;

  function toggle(userId: string, on: boolean) {
    setInvitees((prev) => {
      const next = new Set(prev);
      if (on) next.add(userId);
      else next.delete(userId);
      return next;
    });
  }

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    await send.run();
  }

  const professionals = household.team.filter((m) => !isHouseholdRole(m.role));
  const family = household.team.filter((m) => isHouseholdRole(m.role));

  return (
    <article className="stack">
      <title>{`Overleg plannen – ${household.displayName} – Spil`}</title>
      <p className="breadcrumb">
        <Link to="/">Mijn huishoudens</Link>
        <span aria-hidden="true"> › </span>
        <Link to={householdPath(household.id, 'overleg')}>{household.displayName}</Link>
        <span aria-hidden="true"> › </span>
        <span>Overleg plannen</span>
      </p>
      <PageHeading>Overleg plannen</PageHeading>
      <form className="stack" onSubmit={(e) => void submit(e)} noValidate={false}>
        <fieldset className="casus-choices">
          <legend>Soort overleg</legend>
          {MEETING_KINDS.map((k) => (
            <label key={k} className="casus-choice">
              <input
                type="radio"
                name={`${id}-kind`}
                value={k}
                checked={kind === k}
                onChange={() => setKind(k)}
              />
              <span>
                {MEETING_KIND_LABELS[k]}
                <span className="casus-choice__hint">{MEETING_KIND_DESCRIPTIONS[k]}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-title`}>Titel (optioneel)</label>
          <input
            id={`${id}-title`}
            value={title}
            maxLength={200}
            placeholder={MEETING_KIND_LABELS[kind]}
            onChange={(e) => setTitle(e.target.value)}
          />
        </div>
        <MeetingWhenWhere value={when} onChange={setWhen} />

        <fieldset className="casus-choices">
          <legend>Uitnodigen uit het casusteam</legend>
          {professionals.map((m) => (
            <label key={m.userId} className="casus-choice">
              <input
                type="checkbox"
                checked={invitees.has(m.userId)}
                onChange={(e) => toggle(m.userId, e.target.checked)}
              />
              <span>
                {m.name}
                {m.userId === user.id && ' (jij)'}
                <span className="casus-choice__hint">
                  {disciplineLabel(m.discipline)}, {m.organisation} · {TEAM_ROLE_LABELS[m.role]}
                </span>
              </span>
            </label>
          ))}
          {family.map((m) => (
            <label key={m.userId} className="casus-choice">
              <input
                type="checkbox"
                checked={invitees.has(m.userId)}
                onChange={(e) => toggle(m.userId, e.target.checked)}
              />
              <span>
                {m.name}
                <span className="casus-choice__hint">{TEAM_ROLE_LABELS[m.role]}</span>
              </span>
            </label>
          ))}
        </fieldset>

        <fieldset className="casus-choices">
          <legend>Naasten zonder account (bijvoorbeeld bij een netwerkberaad)</legend>
          {naasten.map((n, i) => (
            <div key={n.key} className="casus-grid">
              <div className="field">
                <label htmlFor={`${id}-nn-${n.key}`}>Naam naaste {i + 1}</label>
                <input
                  id={`${id}-nn-${n.key}`}
                  value={n.name}
                  maxLength={120}
                  onChange={(e) =>
                    setNaasten(
                      naasten.map((x) => (x.key === n.key ? { ...x, name: e.target.value } : x)),
                    )
                  }
                />
              </div>
              <div className="field">
                <label htmlFor={`${id}-nr-${n.key}`}>Relatie van naaste {i + 1}</label>
                <input
                  id={`${id}-nr-${n.key}`}
                  value={n.relation}
                  maxLength={60}
                  placeholder="bijvoorbeeld opa, buurvrouw"
                  onChange={(e) =>
                    setNaasten(
                      naasten.map((x) =>
                        x.key === n.key ? { ...x, relation: e.target.value } : x,
                      ),
                    )
                  }
                />
              </div>
              <p>
                <button
                  type="button"
                  className="button button--small casus-danger"
                  onClick={() => setNaasten(naasten.filter((x) => x.key !== n.key))}
                >
                  Naaste {i + 1} weghalen
                </button>
              </p>
            </div>
          ))}
          <button
            type="button"
            className="button button--small"
            onClick={() =>
              setNaasten([...naasten, { key: crypto.randomUUID(), name: '', relation: '' }])
            }
          >
            Naaste toevoegen
          </button>
        </fieldset>

        <section aria-labelledby={`${id}-agenda`}>
          <h2 id={`${id}-agenda`}>Agenda</h2>
          <p className="hint">
            Opgesteld uit de achterstallige en open acties en de doelen van het plan. Pas aan wat je
            wilt.
          </p>
          <ErrorMessage message={agendaError} announce={false} />
          {agenda === null ? (
            <p role="status">Agenda wordt opgesteld…</p>
          ) : (
            <AgendaEditor
              items={agenda}
              onChange={(items) => {
                setEdited(items);
              }}
            />
          )}
          {agendaEdited && (
            <p>
              <button
                type="button"
                className="button button--small"
                onClick={() => setEdited(null)}
              >
                Agenda opnieuw opstellen uit het plan
              </button>
            </p>
          )}
        </section>

        <ErrorMessage message={error} />
        <p className="casus-toolbar">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Plannen…' : 'Overleg plannen'}
          </button>
          <Link className="button" to={householdPath(household.id, 'overleg')}>
            Annuleren
          </Link>
        </p>
      </form>
    </article>
  );
}
