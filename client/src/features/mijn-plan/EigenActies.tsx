import {
  type EigenActie,
  HUISHOUDEN_LIMITS,
  type ServerTeamEntry,
  type UserDto,
} from '@spil/shared';
import { type FormEvent, useId, useState } from 'react';
import { textRefusal, TextField, useFieldError } from '../../components/TextField';
import type { PlanSession } from '../plan/plan-session';
import { householdAuthor } from './household-user';
import { geleden, voornaam } from './plain';

function NewEigenActieForm({
  session,
  user,
  disabled,
}: {
  session: PlanSession;
  user: UserDto;
  disabled: boolean;
}) {
  const id = useId();
  const [tekst, setTekst] = useState('');
  const [wieHelpt, setWieHelpt] = useState('');
  const [added, setAdded] = useState<string | null>(null);
  const { errorOf, check, clear } = useFieldError<'tekst' | 'wie'>(id);

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fine = check([
      [
        'tekst',
        textRefusal(tekst, {
          max: HUISHOUDEN_LIMITS.tekst,
          what: 'Wat je gaat doen',
          empty: 'Schrijf eerst op wat je gaat doen.',
        }),
      ],
      [
        'wie',
        textRefusal(wieHelpt, { max: HUISHOUDEN_LIMITS.wieHelpt, what: 'De naam van wie helpt' }),
      ],
    ]);
    if (!fine) return;
    session.plan.addEigenActie({ tekst, wieHelpt, auteurId: user.id, auteurNaam: user.name });
    setAdded(tekst.trim());
    setTekst('');
    setWieHelpt('');
    clear();
  }

  return (
    <form
      className="mp-form mp-form--boxed"
      onSubmit={submit}
      noValidate
      aria-labelledby={`${id}-kop`}
    >
      <h3 id={`${id}-kop`} className="mp-form__kop">
        Iets nieuws toevoegen
      </h3>
      <TextField
        id={`${id}-tekst`}
        label="Wat ga je doen?"
        value={tekst}
        disabled={disabled}
        onChange={setTekst}
        error={errorOf('tekst')}
        hint="Bijvoorbeeld: elke ochtend om 7 uur opstaan."
      />
      <TextField
        id={`${id}-wie`}
        label="Wie helpt je daarbij? (mag leeg blijven)"
        value={wieHelpt}
        disabled={disabled}
        autoComplete="off"
        onChange={setWieHelpt}
        error={errorOf('wie')}
      />
      <button type="submit" className="button button--primary mp-button-wide" disabled={disabled}>
        Zet in mijn plan
      </button>
      <p role="status" className="mp-form__done">
        {added ? `Toegevoegd: ${added}` : ''}
      </p>
    </form>
  );
}

function EigenActieItem({
  actie,
  session,
  team,
  myId,
  disabled,
}: {
  actie: EigenActie;
  session: PlanSession;
  team: ServerTeamEntry[];
  myId: string;
  disabled: boolean;
}) {
  const id = useId();
  const mine = actie.auteurId === myId;
  const naam = mine ? null : householdAuthor(team, actie.auteurId);
  const door = mine ? 'jou' : voornaam(naam ?? 'iemand');
  if (!mine) {
    // Only its writer may tick it off or change it (the server refuses anyone else): here it is to read.
    return (
      <li className={`mp-card mp-eigen mp-eigen--ander${actie.gedaan ? ' mp-eigen--gedaan' : ''}`}>
        <p className="mp-eigen__tekst">{actie.tekst}</p>
        <p className="mp-meta">
          {actie.gedaan ? <strong className="mp-gedaan">Gedaan ✓</strong> : 'Nog te doen'}
          {actie.wieHelpt && <> · Hulp van: {actie.wieHelpt}</>}
          <> · Gezet door {door}</>
          {actie.aangemaakt && <>, {geleden(actie.aangemaakt)}</>}
          {naam && <>. Alleen {door} kan dit afvinken.</>}
        </p>
      </li>
    );
  }
  return (
    <li className={`mp-card mp-eigen${actie.gedaan ? ' mp-eigen--gedaan' : ''}`}>
      <div className="mp-check">
        <input
          id={`${id}-gedaan`}
          type="checkbox"
          checked={actie.gedaan}
          disabled={disabled}
          onChange={(e) => session.plan.setEigenActieGedaan(actie.id, e.target.checked)}
          aria-describedby={`${id}-meta`}
        />
        <label htmlFor={`${id}-gedaan`}>{actie.tekst}</label>
      </div>
      <p className="mp-meta" id={`${id}-meta`}>
        {actie.gedaan ? <strong className="mp-gedaan">Gedaan ✓</strong> : 'Nog te doen'}
        {actie.wieHelpt && <> · Hulp van: {actie.wieHelpt}</>}
        <> · Gezet door {door}</>
        {actie.aangemaakt && <>, {geleden(actie.aangemaakt)}</>}
      </p>
    </li>
  );
}

/** "Wat ga ik zelf doen": the household's own actions (one's own to tick off, the others' to read), and a form to add one. */
export function EigenActies({
  session,
  user,
  acties,
  team,
  disabled,
}: {
  session: PlanSession;
  user: UserDto;
  acties: EigenActie[];
  team: ServerTeamEntry[];
  disabled: boolean;
}) {
  const open = acties.filter((a) => !a.gedaan);
  const done = acties.filter((a) => a.gedaan);
  return (
    <>
      <p className="mp-intro">
        Wat doe je zelf, of samen met iemand uit je omgeving? Zet het hier. Klaar? Vink het af.
      </p>
      {acties.length === 0 ? (
        <p className="muted">Er staat nog niets. Begin hieronder.</p>
      ) : (
        <ul className="mp-list" aria-label="Mijn eigen acties">
          {[...open, ...done].map((a) => (
            <EigenActieItem
              key={a.id}
              actie={a}
              session={session}
              team={team}
              myId={user.id}
              disabled={disabled}
            />
          ))}
        </ul>
      )}
      <NewEigenActieForm session={session} user={user} disabled={disabled} />
    </>
  );
}
