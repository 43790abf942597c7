import {
  type DomeinScore,
  type Levensdomein,
  LEVENSDOMEIN_LABELS,
  LEVENSDOMEINEN,
  PLAN_TEXT_LIMITS,
  ZRM_SCORE_LABELS,
  ZRM_VERSION,
} from '@spil/shared';
import { useId } from 'react';
import { usePlan } from './plan-context';
import { PlanText } from './PlainTextField';
import { useObserveDeep } from './use-y';

const SCORES = [1, 2, 3, 4, 5] as const;

function DomeinCard({ domein, value }: { domein: Levensdomein; value: DomeinScore }) {
  const { session, canEdit } = usePlan();
  const id = useId();
  const { label, eenvoudig } = LEVENSDOMEIN_LABELS[domein];
  return (
    <li className={`card domein-card domein-card--score-${value.score ?? 'geen'}`}>
      <fieldset className="domein-card__fields">
        <legend className="domein-card__title">
          {label} <span className="muted domein-card__plain">({eenvoudig})</span>
        </legend>
        <div className="field">
          <label htmlFor={`${id}-score`}>ZRM-score</label>
          <select
            id={`${id}-score`}
            className="input"
            value={value.score ?? ''}
            disabled={!canEdit}
            onChange={(e) =>
              session.plan.setDomein(domein, {
                score: e.target.value ? Number(e.target.value) : null,
              })
            }
          >
            <option value="">Nog geen score</option>
            {SCORES.map((s) => (
              <option key={s} value={s}>
                {s} – {ZRM_SCORE_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-zorgen`}>Zorgen</label>
          <PlanText
            id={`${id}-zorgen`}
            root="domeinen"
            entryId={domein}
            fieldKey="zorgen"
            multiline
            rows={2}
            maxChars={PLAN_TEXT_LIMITS.zorgen}
            value={value.zorgen}
            disabled={!canEdit}
            onChange={(zorgen) => session.plan.setDomein(domein, { zorgen })}
          />
        </div>
      </fieldset>
    </li>
  );
}

/** The 13 life domains of the Zelfredzaamheid-Matrix: score 1 (acuut) to 5 (volledig zelfredzaam) and concerns. */
export function DomeinenSection() {
  const { session } = usePlan();
  useObserveDeep(session.plan.domeinenMap);
  const values = session.plan.domeinen();
  const scored = LEVENSDOMEINEN.filter((d) => values[d].score !== null).length;
  return (
    <section className="plan-part" aria-labelledby="plan-domeinen">
      <h3 id="plan-domeinen">Levensdomeinen</h3>
      <p className="hint">
        Zelfredzaamheid-Matrix ({ZRM_VERSION}): 1 is acute problematiek, 5 is volledig zelfredzaam.{' '}
        {scored} van de {LEVENSDOMEINEN.length} domeinen hebben een score.
      </p>
      <ul className="card-grid card-grid--domeinen">
        {LEVENSDOMEINEN.map((d) => (
          <DomeinCard key={d} domein={d} value={values[d]} />
        ))}
      </ul>
    </section>
  );
}
