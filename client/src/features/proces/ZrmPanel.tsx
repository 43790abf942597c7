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
import { type FormEvent, useId, useLayoutEffect, useMemo, useState } from 'react';
import {
  type BaseTickContentProps,
  PolarAngleAxis,
  PolarGrid,
  PolarRadiusAxis,
  Radar,
  RadarChart,
  Tooltip,
} from 'recharts';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatChange, formatDate, todayIso } from '../../lib/format';
import { useSubmit } from '../../lib/use-submit';
import { procesApi } from './proces-api';
import {
  type ChartLayout,
  LABEL_LINE_HEIGHT,
  type Measure,
  verticalPlacement,
  zrmChartLayout,
} from './zrm-chart-layout';

/** Colour and line style per moment: told apart without colour too. */
export const MOMENT_STYLE: Record<ZrmMoment, { stroke: string; dash?: string }> = {
  intake: { stroke: '#a4231b', dash: '6 4' },
  tussentijds: { stroke: '#7a4a00', dash: '2 3' },
  evaluatie: { stroke: '#1f4e79' },
};

/** The content width of an element, kept current as the window or the layout changes. */
function useWidth(el: HTMLElement | null): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    if (!el) return;
    // A ResizeObserver also reports the size it finds when it starts observing.
    const observer = new ResizeObserver(() => setWidth(Math.floor(el.clientWidth)));
    observer.observe(el);
    return () => observer.disconnect();
  }, [el]);
  return width;
}

/** Whether an element's content is wider than the element (so it scrolls sideways). */
function useOverflowsX(el: HTMLElement | null): boolean {
  const [overflows, setOverflows] = useState(false);
  useLayoutEffect(() => {
    if (!el) return;
    const observer = new ResizeObserver(() => setOverflows(el.scrollWidth > el.clientWidth + 1));
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, [el]);
  return overflows;
}

/** Text widths in the chart's own font, measured on a canvas (a little generous). */
function canvasMeasure(el: Element): Measure {
  const ctx = document.createElement('canvas').getContext('2d');
  const family = getComputedStyle(el).fontFamily;
  return (text, size) => {
    if (!ctx) return text.length * size * 0.65;
    ctx.font = `${size}px ${family}`;
    return ctx.measureText(text).width * 1.04;
  };
}

type TickProps = Pick<BaseTickContentProps, 'x' | 'y' | 'textAnchor' | 'index' | 'payload'>;

/** A domain label as one or more lines, above, below or beside its point as the layout reserved room for. */
function AngleTick({
  x,
  y,
  textAnchor,
  index,
  payload,
  layout,
}: TickProps & { layout: ChartLayout }) {
  const lines = layout.lines[index] ?? [];
  const px = Number(x);
  const py = Number(y);
  const size = layout.fontSize;
  const lineHeight = size * LABEL_LINE_HEIGHT;
  const rad = (payload.coordinate * Math.PI) / 180;
  const place = verticalPlacement(Math.cos(rad), -Math.sin(rad));
  const height = lines.length * lineHeight;
  const top = place === 'above' ? py - height : place === 'below' ? py : py - height / 2;
  return (
    <text
      className="recharts-polar-angle-axis-tick-value"
      x={px}
      y={top}
      textAnchor={textAnchor}
      fontSize={size}
      fill="#1b1f24"
    >
      {lines.map((line, i) => (
        <tspan key={line} x={px} y={top + i * lineHeight + size * 0.95}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

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
  const [box, setBox] = useState<HTMLDivElement | null>(null);
  const width = useWidth(box);
  const [tableBox, setTableBox] = useState<HTMLDivElement | null>(null);
  const scrolls = useOverflowsX(tableBox);
  const rows = useMemo(
    () => zrmComparison(scores, memberId).filter((r) => Object.keys(r.scores).length > 0),
    [scores, memberId],
  );
  const layout = useMemo(
    () =>
      width > 0 && box
        ? zrmChartLayout(
            width,
            rows.map((r) => r.domain),
            canvasMeasure(box),
          )
        : null,
    [box, width, rows],
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
        <div className="zrm-chart" aria-hidden="true" data-testid="zrm-spider" ref={setBox}>
          {layout ? (
            <RadarChart
              accessibilityLayer={false}
              data={data}
              width={layout.width}
              height={layout.height}
              cx={layout.cx}
              cy={layout.cy}
              outerRadius={layout.radius}
              margin={{ top: 0, right: 0, bottom: 0, left: 0 }}
            >
              <PolarGrid />
              <PolarAngleAxis
                dataKey="domain"
                tick={(props: TickProps) => <AngleTick {...props} layout={layout} />}
              />
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
              <Tooltip />
            </RadarChart>
          ) : null}
          <ul className="zrm-legend">
            {moments.map((m) => (
              <li key={m}>
                <svg width="28" height="10" focusable="false">
                  <line
                    x1="0"
                    y1="5"
                    x2="28"
                    y2="5"
                    stroke={MOMENT_STYLE[m].stroke}
                    strokeWidth="2"
                    strokeDasharray={MOMENT_STYLE[m].dash}
                  />
                </svg>
                {ZRM_MOMENT_LABELS[m]}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="hint">
          Een spingrafiek heeft minstens drie domeinen nodig; de scores staan in de tabel.
        </p>
      )}
      {/* On a phone the table scrolls sideways: then it is a named region that takes focus, for the arrow keys. */}
      {scrolls ? (
        <p id={`${id}-scroll`} className="hint">
          De tabel schuift opzij: veeg of gebruik de pijltjestoetsen voor alle momenten.
        </p>
      ) : null}
      <div
        className="table-scroll zrm-table-scroll"
        ref={setTableBox}
        role={scrolls ? 'region' : undefined}
        aria-label={scrolls ? `ZRM-scores van ${memberName}` : undefined}
        aria-describedby={scrolls ? `${id}-scroll` : undefined}
        tabIndex={scrolls ? 0 : undefined}
      >
        <table className="data-table zrm-table">
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
  const [saved, setSaved] = useState<string | null>(null);
  const send = useSubmit(
    (chosen: Levensdomein[]) =>
      procesApi.recordZrm(householdId, {
        memberId,
        moment,
        scores: chosen.map((domain) => ({ domain, score: scores[domain] as number, infoDate })),
      }),
    {
      onSuccess: (_, chosen) => {
        setScores({});
        setSaved(`${chosen.length} ${chosen.length === 1 ? 'score' : 'scores'} opgeslagen.`);
        onDone(memberId);
      },
    },
  );
  const { busy, error } = send;
  const today = todayIso();
  const stale = infoDate && infoDate <= today && isZrmInfoStale(infoDate, today);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const chosen = LEVENSDOMEINEN.filter((d) => scores[d] !== undefined);
    if (chosen.length === 0) return send.fail('Geef minstens één domein een score.');
    if (!infoDate) return send.fail('Vul de datum van de informatie in.');
    setSaved(null);
    await send.run(chosen);
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
