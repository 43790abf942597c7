import {
  daysBetween,
  type HouseholdMemberDto,
  isZrmInfoStale,
  LEVENSDOMEIN_LABELS,
  LEVENSDOMEINEN,
  type Levensdomein,
  ZRM_MAX_INFO_AGE_DAYS,
  ZRM_MOMENT_LABELS,
  ZRM_MOMENTS,
  ZRM_SCORE_LABELS,
  ZRM_VERSION,
  type ZrmMoment,
  type ZrmScoreDto,
  zrmComparison,
} from '@spil/shared';
import { type FormEvent, useId, useMemo, useState } from 'react';
import {
  PolarAngleAxis,
  PolarGrid,
  PolarRadiusAxis,
  Radar,
  RadarChart,
  ResponsiveContainer,
  Legend,
  Tooltip,
} from 'recharts';
import { errorMessage } from '../../api/http';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatDate, todayIso } from '../../lib/format';
import { formatChange } from './format';
import { procesApi } from './proces-api';

/** Colour and line style per moment: told apart without colour too. */
export const MOMENT_STYLE: Record<ZrmMoment, { stroke: string; dash?: string }> = {
  intake: { stroke: '#a4231b', dash: '6 4' },
  tussentijds: { stroke: '#7a4a00', dash: '2 3' },
  evaluatie: { stroke: '#1f4e79' },
};

/** The scores of one member at each moment, as a spider chart with the same numbers as a table. */
export function ZrmSpiderChart({
  scores,
  memberId,
  memberName,
}: {
  scores: ZrmScoreDto[];
  memberId: string;
  memberName: string;
}) {
  const id = useId();
  const rows = useMemo(
    () => zrmComparison(scores, memberId).filter((r) => Object.keys(r.scores).length > 0),
    [scores, memberId],
  );
  const moments = ZRM_MOMENTS.filter((m) => rows.some((r) => r.scores[m] !== undefined));
  const staleByKey = new Map(
    scores.filter((s) => s.memberId === memberId).map((s) => [`${s.domain}|${s.moment}`, s.stale]),
  );
  if (rows.length === 0) return <p className="muted">Nog geen ZRM-scores voor {memberName}.</p>;
  const data = rows.map((r) => ({ domain: LEVENSDOMEIN_LABELS[r.domain].label, ...r.scores }));
  const first = moments[0];
  const last = moments.at(-1);
  const versions = [
    ...new Set(scores.filter((s) => s.memberId === memberId).map((s) => s.matrixVersion)),
  ];
  return (
    <figure className="zrm-figure" aria-labelledby={`${id}-cap`}>
      <figcaption id={`${id}-cap`}>
        Zelfredzaamheid van {memberName} per levensdomein:{' '}
        {moments.map((m) => ZRM_MOMENT_LABELS[m].toLowerCase()).join(', ')} (1 = acute problematiek,
        5 = volledig zelfredzaam). Matrixversie {versions.join(', ')}.
      </figcaption>
      {rows.length >= 3 ? (
        <div className="zrm-chart" aria-hidden="true" data-testid="zrm-spider">
          <ResponsiveContainer width="100%" height={360}>
            <RadarChart
              accessibilityLayer={false}
              data={data}
              outerRadius="68%"
              margin={{ top: 8, right: 24, bottom: 8, left: 24 }}
            >
              <PolarGrid />
              <PolarAngleAxis dataKey="domain" tick={{ fontSize: 12, fill: '#1b1f24' }} />
              <PolarRadiusAxis
                domain={[0, 5]}
                tickCount={6}
                angle={90}
                tick={{ fontSize: 11, fill: '#4a5562' }}
              />
              {moments.map((m) => (
                <Radar
                  key={m}
                  name={ZRM_MOMENT_LABELS[m]}
                  dataKey={m}
                  stroke={MOMENT_STYLE[m].stroke}
                  strokeWidth={2}
                  strokeDasharray={MOMENT_STYLE[m].dash}
                  fill={MOMENT_STYLE[m].stroke}
                  fillOpacity={m === last ? 0.18 : 0.05}
                  isAnimationActive={false}
                />
              ))}
              <Legend
                itemSorter={(item) =>
                  typeof item.dataKey === 'string'
                    ? ZRM_MOMENTS.indexOf(item.dataKey as ZrmMoment)
                    : 9
                }
              />
              <Tooltip />
            </RadarChart>
          </ResponsiveContainer>
        </div>
      ) : (
        <p className="hint">
          Een spingrafiek heeft minstens drie domeinen nodig; de scores staan in de tabel.
        </p>
      )}
      <div className="table-scroll">
        <table className="data-table">
          <caption className="visually-hidden">ZRM-scores van {memberName} per moment</caption>
          <thead>
            <tr>
              <th scope="col">Levensdomein</th>
              {moments.map((m) => (
                <th key={m} scope="col">
                  {ZRM_MOMENT_LABELS[m]}
                </th>
              ))}
              {moments.length > 1 ? <th scope="col">Verandering</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const a = first ? r.scores[first] : undefined;
              const b = last ? r.scores[last] : undefined;
              return (
                <tr key={r.domain}>
                  <th scope="row">{LEVENSDOMEIN_LABELS[r.domain].label}</th>
                  {moments.map((m) => {
                    const v = r.scores[m];
                    const stale = staleByKey.get(`${r.domain}|${m}`);
                    return (
                      <td key={m}>
                        {v === undefined ? (
                          <span className="muted">–</span>
                        ) : (
                          <>
                            <span title={ZRM_SCORE_LABELS[v]}>{v}</span>
                            {stale ? (
                              <span className="stale-flag">
                                {' '}
                                ⚠
                                <span className="visually-hidden">
                                  {' '}
                                  informatie was ouder dan {ZRM_MAX_INFO_AGE_DAYS} dagen
                                </span>
                              </span>
                            ) : null}
                          </>
                        )}
                      </td>
                    );
                  })}
                  {moments.length > 1 ? (
                    <td>
                      {a !== undefined && b !== undefined ? (
                        formatChange(b - a)
                      ) : (
                        <span className="muted">–</span>
                      )}
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {[...staleByKey.values()].some(Boolean) ? (
        <p className="hint">
          ⚠ De informatie achter deze score was bij het scoren ouder dan {ZRM_MAX_INFO_AGE_DAYS}{' '}
          dagen.
        </p>
      ) : null}
    </figure>
  );
}

function ZrmForm({
  householdId,
  members,
  onDone,
}: {
  householdId: string;
  members: HouseholdMemberDto[];
  onDone: (memberId: string) => void;
}) {
  const id = useId();
  const [memberId, setMemberId] = useState(members[0]?.id ?? '');
  const [moment, setMoment] = useState<ZrmMoment>('intake');
  const [infoDate, setInfoDate] = useState(todayIso());
  const [scores, setScores] = useState<Partial<Record<Levensdomein, number>>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const today = todayIso();
  const stale = infoDate && infoDate <= today && isZrmInfoStale(infoDate, today);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const chosen = LEVENSDOMEINEN.filter((d) => scores[d] !== undefined);
    if (chosen.length === 0) return setError('Geef minstens één domein een score.');
    if (!infoDate) return setError('Vul de datum van de informatie in.');
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      await procesApi.recordZrm(householdId, {
        memberId,
        moment,
        scores: chosen.map((domain) => ({ domain, score: scores[domain] as number, infoDate })),
      });
      setScores({});
      setSaved(`${chosen.length} ${chosen.length === 1 ? 'score' : 'scores'} opgeslagen.`);
      onDone(memberId);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="card zrm-form"
      onSubmit={(e) => void submit(e)}
      aria-labelledby={`${id}-t`}
      noValidate
    >
      <h4 id={`${id}-t`}>Scores vastleggen</h4>
      <p className="hint">
        Zelfredzaamheid-Matrix, versie {ZRM_VERSION}. Laat een domein leeg als je het nu niet
        scoort; een nieuwe score voor hetzelfde moment vervangt de oude.
      </p>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-member`}>Gezinslid</label>
          <select
            id={`${id}-member`}
            className="input"
            value={memberId}
            onChange={(e) => setMemberId(e.target.value)}
          >
            {members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.firstName} ({m.relation}, {m.birthYear})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-moment`}>Moment</label>
          <select
            id={`${id}-moment`}
            className="input"
            value={moment}
            onChange={(e) => setMoment(e.target.value as ZrmMoment)}
          >
            {ZRM_MOMENTS.map((m) => (
              <option key={m} value={m}>
                {ZRM_MOMENT_LABELS[m]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-date`}>Datum van de informatie</label>
          <input
            id={`${id}-date`}
            type="date"
            className="input"
            max={today}
            value={infoDate}
            aria-describedby={stale ? `${id}-stale` : undefined}
            onChange={(e) => setInfoDate(e.target.value)}
          />
        </div>
      </div>
      {stale ? (
        <p id={`${id}-stale`} className="notice notice--warning" role="status">
          De informatie is {daysBetween(infoDate, today)} dagen oud, ouder dan{' '}
          {ZRM_MAX_INFO_AGE_DAYS} dagen. Spreek de inwoner opnieuw of vermeld waarom deze informatie
          nog klopt.
        </p>
      ) : null}
      <div className="zrm-grid">
        {LEVENSDOMEINEN.map((d) => (
          <div key={d} className="field">
            <label htmlFor={`${id}-${d}`}>{LEVENSDOMEIN_LABELS[d].label}</label>
            <select
              id={`${id}-${d}`}
              className="input"
              value={scores[d] ?? ''}
              onChange={(e) => {
                const v = e.target.value;
                setScores((s) => {
                  const next = { ...s };
                  if (v) next[d] = Number(v);
                  else delete next[d];
                  return next;
                });
              }}
            >
              <option value="">Niet scoren</option>
              {[1, 2, 3, 4, 5].map((n) => (
                <option key={n} value={n}>
                  {n} – {ZRM_SCORE_LABELS[n]}
                </option>
              ))}
            </select>
          </div>
        ))}
      </div>
      <ErrorMessage message={error} />
      {saved ? (
        <p className="notice" role="status">
          {saved}
        </p>
      ) : null}
      <button type="submit" className="button button--primary" disabled={busy || !memberId}>
        {busy ? 'Opslaan…' : 'Scores opslaan'}
      </button>
    </form>
  );
}

export function ZrmPanel({
  householdId,
  members,
  scores,
  canWrite,
  closed,
  onChange,
}: {
  householdId: string;
  members: HouseholdMemberDto[];
  scores: ZrmScoreDto[];
  canWrite: boolean;
  closed: boolean;
  onChange: () => void;
}) {
  const id = useId();
  const scored = members.filter((m) => scores.some((s) => s.memberId === m.id));
  const [memberId, setMemberId] = useState<string>(scored[0]?.id ?? members[0]?.id ?? '');
  const member = members.find((m) => m.id === memberId);
  const today = todayIso();
  const latest = scores
    .filter((s) => s.memberId === memberId)
    .reduce<ZrmScoreDto | null>((acc, s) => (!acc || s.at > acc.at ? s : acc), null);
  const oldInfo = !closed && latest && isZrmInfoStale(latest.infoDate, today);
  return (
    <div className="proces-part">
      <h3>Zelfredzaamheid (ZRM)</h3>
      {members.length === 0 ? (
        <p className="muted">Er staan geen gezinsleden bij dit huishouden.</p>
      ) : null}
      {members.length > 1 ? (
        <div className="field field--inline">
          <label htmlFor={`${id}-view`}>Toon gezinslid</label>
          <select
            id={`${id}-view`}
            className="input"
            value={memberId}
            onChange={(e) => setMemberId(e.target.value)}
          >
            {members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.firstName}
                {scores.some((s) => s.memberId === m.id) ? '' : ' (nog geen scores)'}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {oldInfo && latest ? (
        <p className="notice notice--warning">
          De laatste scores van {member?.firstName} rusten op informatie van{' '}
          {formatDate(latest.infoDate)}, ouder dan {ZRM_MAX_INFO_AGE_DAYS} dagen.
        </p>
      ) : null}
      {member ? (
        <ZrmSpiderChart scores={scores} memberId={member.id} memberName={member.firstName} />
      ) : null}
      {canWrite && !closed && members.length > 0 ? (
        <ZrmForm
          householdId={householdId}
          members={members}
          onDone={(m) => {
            setMemberId(m);
            onChange();
          }}
        />
      ) : null}
    </div>
  );
}
