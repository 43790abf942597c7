import {
  type ActionRowDto,
  type HouseholdDto,
  isOpenStatus,
  type UserDto,
  type WieDoetWatDto,
} from '@spil/shared';
import { useId } from 'react';
import { formatDateShort, formatDateTime, formatNumber } from '../../lib/format';
import { disciplineLabel } from '../../lib/labels';
import { useData } from '../../lib/query';
import { usePlanFollowers } from '../events/live-queries';
import { regieQueries } from '../regie/regie-api';
import { ActionBadges } from './ActionBadges';
import './acties.css';

function byUrgency(a: ActionRowDto, b: ActionRowDto): number {
  return (
    Number(isOpenStatus(b.status)) - Number(isOpenStatus(a.status)) ||
    Number(b.overdue) - Number(a.overdue) ||
    (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999')
  );
}

function ActionLine({ a }: { a: ActionRowDto }) {
  const last = a.laatsteTerugkoppeling;
  return (
    <li className={`wdw-action${a.overdue ? ' wdw-action--overdue' : ''}`}>
      <p className="wdw-action__head">
        <span className="wdw-action__titel">{a.titel || 'Actie zonder titel'}</span>{' '}
        <ActionBadges status={a.status} overdue={a.overdue} />
      </p>
      <p className="wdw-action__meta">
        {a.deadline ? (
          <>
            Uiterlijk <time dateTime={a.deadline}>{formatDateShort(a.deadline)}</time>
          </>
        ) : (
          'Geen datum'
        )}
      </p>
      <p className="wdw-action__last">
        {last ? (
          <>
            <span className="visually-hidden">Laatste terugkoppeling: </span>“{last.tekst}”{' '}
            <span className="muted">
              — {last.auteurNaam}, <time dateTime={last.tijd}>{formatDateTime(last.tijd)}</time>
            </span>
          </>
        ) : (
          <span className="muted">Nog geen terugkoppeling</span>
        )}
      </p>
    </li>
  );
}

function PersonCard({
  title,
  sub,
  regie,
  self,
  actions,
  warning = false,
}: {
  title: string;
  sub?: string;
  regie?: boolean;
  self?: boolean;
  actions: ActionRowDto[];
  warning?: boolean;
}) {
  const id = useId();
  const open = actions.filter((a) => isOpenStatus(a.status));
  const late = open.filter((a) => a.overdue).length;
  return (
    <li
      className={`card wdw-person${warning ? ' wdw-person--zonder' : ''}${regie ? ' wdw-person--regie' : ''}`}
      aria-labelledby={`${id}-kop`}
    >
      <h3 id={`${id}-kop`} className="wdw-person__name">
        {title}
        {self && <span className="muted"> (jij)</span>}
      </h3>
      <p className="wdw-person__tags">
        {sub && <span className="wdw-person__discipline">{sub}</span>}
        {regie && <span className="badge badge--regie">Regiehouder</span>}
      </p>
      <p className="wdw-person__count">
        {open.length === 0
          ? 'Geen open acties'
          : `${formatNumber(open.length)} open${late > 0 ? `, ${formatNumber(late)} te laat` : ''}`}
      </p>
      {actions.length > 0 && (
        <ul className="wdw-actions">
          {[...actions].sort(byUrgency).map((a) => (
            <ActionLine key={a.id} a={a} />
          ))}
        </ul>
      )}
    </li>
  );
}

function Board({ data, myId }: { data: WieDoetWatDto; myId: string }) {
  const inTeam = new Set(data.team.map((t) => t.userId));
  const zonder = data.actions.filter(
    (a) => a.zonderEigenaar || !a.eigenaarId || !inTeam.has(a.eigenaarId),
  );
  const regieId = data.regie?.userId ?? null;
  const team = [...data.team].sort(
    (a, b) =>
      Number(b.userId === regieId) - Number(a.userId === regieId) ||
      Number(a.role !== 'lid') - Number(b.role !== 'lid') ||
      a.name.localeCompare(b.name, 'nl'),
  );
  return (
    <ul className="card-grid wdw-board">
      {team.map((t) => (
        <PersonCard
          key={t.userId}
          title={t.name}
          sub={`${disciplineLabel(t.discipline)}${t.role === 'meelezer' ? ' · meelezer' : ''}`}
          regie={t.userId === regieId}
          self={t.userId === myId}
          actions={data.actions.filter((a) => a.eigenaarId === t.userId && !zonder.includes(a))}
        />
      ))}
      {zonder.length > 0 && (
        <PersonCard
          title="Zonder eigenaar"
          sub="Geen eigenaar, of de eigenaar staat niet meer in het team"
          actions={zonder}
          warning
        />
      )}
    </ul>
  );
}

const WIE_DOET_WAT_PARTS = ['wie-doet-wat'] as const;

/** "Wie doet wat" on the household page: the team against the actions, the regiehouder marked. */
export function WieDoetWatSection({ household, user }: { household: HouseholdDto; user: UserDto }) {
  const { data, error } = useData(regieQueries.wieDoetWat(household.id));
  // Actions are typed into the plan: follow it. Team, regie and terugkoppeling come as events.
  usePlanFollowers(household.id, WIE_DOET_WAT_PARTS);

  if (error && !data) return <p className="notice notice--error">{error}</p>;
  if (!data) return <p role="status">Wie doet wat wordt geladen…</p>;
  return (
    <>
      <p className="hint">
        Per professional de acties in het plan, met de laatste terugkoppeling. Wijzigingen in het
        plan komen hier binnen een paar seconden bij.
      </p>
      <Board data={data} myId={user.id} />
    </>
  );
}
