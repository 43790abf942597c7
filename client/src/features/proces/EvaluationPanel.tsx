import {
  type EvaluationOverviewDto,
  GOAL_RESULT_LABELS,
  GOAL_RESULTS,
  type GoalResult,
  type HouseholdMemberDto,
  PHASE_LABELS,
  REOPEN_PHASES,
  type ZrmScoreDto,
} from '@spil/shared';
import { type FormEvent, useId, useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatDateTime } from '../../lib/format';
import { keys, queryOptions, useData } from '../../lib/query';
import { useSubmit } from '../../lib/use-submit';
import { procesApi } from './proces-api';

/** A goal of the plan, as the plan document knows it. */
export interface PlanGoal {
  id: string;
  titel: string;
}

interface GoalRow {
  goalId: string;
  title: string;
  result: GoalResult | '';
  note: string;
}

function EvaluationForm({
  householdId,
  goals,
  members,
  zrm,
  onDone,
}: {
  householdId: string;
  goals: PlanGoal[];
  members: HouseholdMemberDto[];
  zrm: ZrmScoreDto[];
  onDone: (o: EvaluationOverviewDto) => void;
}) {
  const id = useId();
  const [rows, setRows] = useState<GoalRow[]>(() =>
    goals.map((g) => ({ goalId: g.id, title: g.titel, result: '', note: '' })),
  );
  const [newGoal, setNewGoal] = useState('');
  const [residentView, setResidentView] = useState('');
  const [collaboration, setCollaboration] = useState('');
  const send = useSubmit(
    () =>
      procesApi.evaluate(householdId, {
        goals: rows.map((r) => ({
          goalId: r.goalId,
          title: r.title,
          result: r.result as GoalResult,
          note: r.note,
        })),
        residentView,
        collaboration,
      }),
    { onSuccess: (o) => onDone(o) },
  );
  const { busy, error } = send;
  const finalZrm = members.map((m) => ({
    member: m,
    done: zrm.some((s) => s.memberId === m.id && s.moment === 'evaluatie'),
  }));
  const anyFinal = finalZrm.some((f) => f.done);

  const update = (i: number, patch: Partial<GoalRow>) =>
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (rows.some((r) => !r.result)) return send.fail('Geef bij elk doel aan of het behaald is.');
    if (!residentView.trim())
      return send.fail('Schrijf op hoe de inwoner zelf op het traject terugkijkt.');
    if (!anyFinal) return send.fail('Leg eerst de ZRM-scores van de evaluatie vast.');
    await send.run();
  }

  return (
    <form
      className="card evaluation-form"
      onSubmit={(e) => void submit(e)}
      aria-labelledby={`${id}-t`}
      noValidate
    >
      <h4 id={`${id}-t`}>Traject evalueren en afsluiten</h4>
      <p className="hint">
        Doe de evaluatie samen met de inwoner. Na het opslaan wordt het huishouden afgesloten;
        heropenen kan met een reden.
      </p>
      {rows.length === 0 ? (
        <p className="muted">Het plan heeft geen doelen. Voeg toe wat jullie wilden bereiken.</p>
      ) : null}
      {rows.map((r, i) => (
        <fieldset key={r.goalId} className="goal-eval">
          <legend>{r.title}</legend>
          <div className="choice-row">
            {GOAL_RESULTS.map((res) => (
              <label key={res} className="choice">
                <input
                  type="radio"
                  name={`${id}-${r.goalId}`}
                  value={res}
                  checked={r.result === res}
                  onChange={() => update(i, { result: res })}
                />
                {GOAL_RESULT_LABELS[res]}
              </label>
            ))}
          </div>
          <div className="field">
            <label htmlFor={`${id}-${r.goalId}-note`}>Toelichting (optioneel)</label>
            <input
              id={`${id}-${r.goalId}-note`}
              className="input"
              maxLength={1000}
              value={r.note}
              onChange={(e) => update(i, { note: e.target.value })}
            />
          </div>
        </fieldset>
      ))}
      <div className="inline-form">
        <div className="field field--grow">
          <label htmlFor={`${id}-new`}>Doel toevoegen</label>
          <input
            id={`${id}-new`}
            className="input"
            maxLength={300}
            value={newGoal}
            onChange={(e) => setNewGoal(e.target.value)}
          />
        </div>
        <button
          type="button"
          className="button"
          disabled={!newGoal.trim()}
          onClick={() => {
            setRows((rs) => [
              ...rs,
              { goalId: `los-${crypto.randomUUID()}`, title: newGoal.trim(), result: '', note: '' },
            ]);
            setNewGoal('');
          }}
        >
          Toevoegen
        </button>
      </div>
      <div className="field">
        <label htmlFor={`${id}-view`}>Hoe kijkt de inwoner zelf terug?</label>
        <textarea
          id={`${id}-view`}
          className="input"
          rows={3}
          maxLength={4000}
          value={residentView}
          onChange={(e) => setResidentView(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-collab`}>Hoe ging de samenwerking? (optioneel)</label>
        <textarea
          id={`${id}-collab`}
          className="input"
          rows={2}
          maxLength={4000}
          value={collaboration}
          onChange={(e) => setCollaboration(e.target.value)}
        />
      </div>
      <div className="zrm-check">
        <p className="quickscan-result__label">ZRM bij de evaluatie</p>
        <ul>
          {finalZrm.map(({ member, done }) => (
            <li key={member.id}>
              {member.firstName}:{' '}
              {done ? 'vastgelegd' : <span className="text-warning">nog niet vastgelegd</span>}
            </li>
          ))}
        </ul>
        {!anyFinal ? (
          <p className="hint">Kies bij “Scores vastleggen” het moment Evaluatie.</p>
        ) : null}
      </div>
      <ErrorMessage message={error} />
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? 'Opslaan…' : 'Evaluatie opslaan en afsluiten'}
      </button>
    </form>
  );
}

/** The form, prefilled with the plan's doelen: given, or else read from the stored plan (`GET .../doelen`). */
function EvaluationFormWithGoals(props: {
  householdId: string;
  goals: PlanGoal[] | undefined;
  members: HouseholdMemberDto[];
  zrm: ZrmScoreDto[];
  onDone: (o: EvaluationOverviewDto) => void;
}) {
  const given = props.goals;
  const loaded = useData(
    queryOptions({
      queryKey: keys.household(props.householdId, 'goals', given ? 'given' : 'plan'),
      queryFn: async (): Promise<PlanGoal[]> =>
        given ?? (await procesApi.goals(props.householdId)).goals,
    }),
  );
  if (loaded.loading)
    return (
      <p role="status" className="muted">
        Doelen van het plan worden geladen…
      </p>
    );
  // Without the plan's goals the form still works: goals can be added by hand.
  const goals = loaded.data ?? [];
  return <EvaluationForm key={goals.map((g) => g.id).join()} {...props} goals={goals} />;
}

function ReopenForm({
  householdId,
  onDone,
}: {
  householdId: string;
  onDone: (o: EvaluationOverviewDto) => void;
}) {
  const id = useId();
  const [reason, setReason] = useState('');
  const [phase, setPhase] = useState<(typeof REOPEN_PHASES)[number]>('uitvoering');
  const send = useSubmit(() => procesApi.reopen(householdId, { reason, phase }), {
    onSuccess: (o) => onDone(o),
  });
  const { busy, error } = send;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!reason.trim()) return send.fail('Geef de reden om te heropenen.');
    await send.run();
  }

  return (
    <form
      className="inline-form"
      onSubmit={(e) => void submit(e)}
      aria-labelledby={`${id}-t`}
      noValidate
    >
      <p id={`${id}-t`} className="inline-form__title">
        Heropenen
      </p>
      <div className="field field--grow">
        <label htmlFor={`${id}-reason`}>Reden</label>
        <input
          id={`${id}-reason`}
          className="input"
          maxLength={1000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-phase`}>Verder in fase</label>
        <select
          id={`${id}-phase`}
          className="input"
          value={phase}
          onChange={(e) => setPhase(e.target.value as (typeof REOPEN_PHASES)[number])}
        >
          {REOPEN_PHASES.map((p) => (
            <option key={p} value={p}>
              {PHASE_LABELS[p]}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button" disabled={busy}>
        {busy ? 'Heropenen…' : 'Heropenen'}
      </button>
      <ErrorMessage message={error} />
    </form>
  );
}

export function EvaluationPanel({
  householdId,
  overview,
  goals,
  members,
  zrm,
  canManage,
  onChange,
}: {
  householdId: string;
  overview: EvaluationOverviewDto;
  /** The plan's doelen; read from the stored plan when not given. */
  goals?: PlanGoal[];
  members: HouseholdMemberDto[];
  zrm: ZrmScoreDto[];
  canManage: boolean;
  onChange: (o: EvaluationOverviewDto) => void;
}) {
  const closed = overview.phase === 'afgesloten';
  return (
    <div className="proces-part">
      <h3>Evaluatie en afsluiting</h3>
      {overview.evaluations.map((e) => (
        <div key={e.id} className="card evaluation">
          <p>
            Evaluatie van <time dateTime={e.at}>{formatDateTime(e.at)}</time> door {e.by.name}
          </p>
          {e.goals.length > 0 ? (
            <table className="data-table">
              <caption className="visually-hidden">Resultaat per doel</caption>
              <thead>
                <tr>
                  <th scope="col">Doel</th>
                  <th scope="col">Resultaat</th>
                  <th scope="col">Toelichting</th>
                </tr>
              </thead>
              <tbody>
                {e.goals.map((g) => (
                  <tr key={g.goalId}>
                    <th scope="row">{g.title}</th>
                    <td>
                      <span className={`badge goal-result goal-result--${g.result}`}>
                        {GOAL_RESULT_LABELS[g.result]}
                      </span>
                    </td>
                    <td>{g.note}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <p className="quickscan-result__label">De inwoner kijkt terug</p>
          <blockquote className="resident-view">{e.residentView}</blockquote>
          {e.collaboration ? (
            <>
              <p className="quickscan-result__label">Samenwerking</p>
              <p>{e.collaboration}</p>
            </>
          ) : null}
        </div>
      ))}
      {overview.closures.length > 0 ? (
        <ol className="closure-list" aria-label="Afsluiten en heropenen">
          {overview.closures.map((c) => (
            <li key={c.id}>
              <strong>
                {c.kind === 'gesloten' ? 'Afgesloten' : `Heropend (${PHASE_LABELS[c.phase]})`}
              </strong>
              : {c.reason}{' '}
              <span className="muted">
                {c.by.name}, {formatDateTime(c.at)}
              </span>
            </li>
          ))}
        </ol>
      ) : null}
      {canManage && !closed ? (
        <EvaluationFormWithGoals
          householdId={householdId}
          goals={goals}
          members={members}
          zrm={zrm}
          onDone={onChange}
        />
      ) : null}
      {canManage && closed ? <ReopenForm householdId={householdId} onDone={onChange} /> : null}
      {!canManage && !closed && overview.evaluations.length === 0 ? (
        <p className="muted">
          De regiehouder of de coördinator evalueert het traject aan het eind, samen met de inwoner.
        </p>
      ) : null}
    </div>
  );
}
