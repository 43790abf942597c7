import {
  type Actie,
  DISCIPLINE_LABELS,
  type MijnPlanHelperDto,
  type Reactie,
  type ServerTeamEntry,
} from '@spil/shared';
import { useId, useState } from 'react';
import { ReactieForm } from './ReactieForm';
import { ReactieList } from './ReactieList';
import { geleden, STATUS_EENVOUDIG, uiterlijk, voornaam } from './plain';

/** Ways to reach a professional: large links that start a call or an e-mail. */
export function ContactButtons({
  person,
}: {
  person: Pick<MijnPlanHelperDto, 'name' | 'phone' | 'email'>;
}) {
  const first = voornaam(person.name);
  if (!person.phone && !person.email) return null;
  return (
    <>
      <p className="mp-contact">
        {person.phone && (
          <a
            className="button mp-contact__link"
            href={`tel:${person.phone.replace(/[^+\d]/g, '')}`}
          >
            Bel {first}
            <span className="mp-contact__detail">{person.phone}</span>
          </a>
        )}
        {person.email && (
          <a className="button mp-contact__link" href={`mailto:${person.email}`}>
            Mail {first}
          </a>
        )}
      </p>
      {person.email && <p className="mp-contact__mail">{person.email}</p>}
    </>
  );
}

function ActieCard({
  actie,
  owner,
  team,
  reacties,
  myId,
  disabled,
  onReact,
}: {
  actie: Actie;
  owner: { name: string; title: string } | null;
  team: ServerTeamEntry[];
  reacties: Reactie[];
  myId: string;
  disabled: boolean;
  onReact: (tekst: string) => void;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const last = actie.updates.at(-1);
  return (
    <li className={`mp-card mp-actie mp-actie--${actie.status}`} aria-labelledby={`${id}-kop`}>
      <h3 className="mp-card__kop" id={`${id}-kop`}>
        {actie.titel || 'Actie zonder naam'}
      </h3>
      <p className="mp-meta">
        <span className={`mp-status mp-status--${actie.status}`}>
          {STATUS_EENVOUDIG[actie.status]}
        </span>
        {owner ? ` · ${owner.name} (${owner.title})` : ' · Nog niet verdeeld'}
        {actie.deadline ? ` · uiterlijk ${uiterlijk(actie.deadline)}` : ''}
      </p>
      {last && (
        <p className="mp-bericht">
          <strong>
            Laatste nieuws van {voornaam(last.auteurNaam)}, {geleden(last.tijd)}:
          </strong>{' '}
          {last.tekst}
        </p>
      )}
      <ReactieList
        reacties={reacties}
        team={team}
        myId={myId}
        label={`Reacties op ${actie.titel}`}
      />
      {open ? (
        <ReactieForm
          label={`Jouw reactie op: ${actie.titel}`}
          onSend={onReact}
          onDone={() => setOpen(false)}
          disabled={disabled}
        />
      ) : (
        <button
          type="button"
          className="button mp-button-wide"
          onClick={() => setOpen(true)}
          disabled={disabled}
          aria-describedby={`${id}-kop`}
        >
          Reageer
        </button>
      )}
    </li>
  );
}

/** "Wat doen de hulpverleners": the professionals' actions in plain words, each with "Reageer". */
export function HulpverlenersActies({
  acties,
  team,
  helpers,
  reacties,
  myId,
  disabled,
  onReact,
}: {
  acties: Actie[];
  team: ServerTeamEntry[];
  helpers: MijnPlanHelperDto[];
  reacties: Reactie[];
  myId: string;
  disabled: boolean;
  onReact: (actieId: string, tekst: string) => void;
}) {
  if (acties.length === 0)
    return <p className="muted">De hulpverleners hebben nog geen afspraken in het plan gezet.</p>;
  const ownerOf = (userId: string | null) => {
    if (!userId) return null;
    const h = helpers.find((x) => x.userId === userId);
    if (h) return { name: h.name, title: h.title };
    const t = team.find((x) => x.userId === userId);
    return t ? { name: t.name, title: DISCIPLINE_LABELS[t.discipline] } : null;
  };
  return (
    <ul className="mp-list" aria-label="Afspraken van de hulpverleners">
      {acties.map((a) => (
        <ActieCard
          key={a.id}
          actie={a}
          owner={ownerOf(a.eigenaarId)}
          team={team}
          reacties={reacties.filter((r) => r.actieId === a.id)}
          myId={myId}
          disabled={disabled}
          onReact={(tekst) => onReact(a.id, tekst)}
        />
      ))}
    </ul>
  );
}

/** "Wie helpt mij": the professionals, what they do in plain words, and how to reach them. */
export function Helpers({
  helpers,
  regieUserId,
}: {
  helpers: MijnPlanHelperDto[];
  regieUserId: string | null;
}) {
  if (helpers.length === 0)
    return <p className="muted">Er staan nog geen hulpverleners in je plan.</p>;
  return (
    <ul className="mp-list" aria-label="Hulpverleners">
      {helpers.map((h) => (
        <li key={h.userId} className={`mp-card mp-helper mp-helper--${h.domain ?? 'geen'}`}>
          <h3 className="mp-card__kop">{h.name}</h3>
          <p className="mp-meta">
            {h.title}
            {h.organisation ? ` · ${h.organisation}` : ''}
            {h.userId === regieUserId && <span className="mp-tag">Heeft de regie</span>}
          </p>
          <p>{h.watDoetZe}</p>
          {h.role === 'meelezer' && <p className="muted">Leest mee met het plan.</p>}
          <ContactButtons person={h} />
        </li>
      ))}
    </ul>
  );
}
