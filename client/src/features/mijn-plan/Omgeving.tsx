import type { EigenActie, MijnPlanHelperDto } from '@spil/shared';
import { voornaam } from './plain';

interface Person {
  key: string;
  name: string;
  about: string | null;
  doet: EigenActie[];
}

/** People of the household's own circle, and those named as helpers, each with what they do. */
export function omgeving(kring: MijnPlanHelperDto[], acties: EigenActie[], myId: string): Person[] {
  const people: Person[] = [];
  const claimed = new Set<string>();
  for (const p of kring) {
    if (p.userId === myId) continue;
    const first = voornaam(p.name).toLowerCase();
    const doet = acties.filter(
      (a) =>
        a.auteurId === p.userId || (first.length > 1 && a.wieHelpt.toLowerCase().includes(first)),
    );
    for (const a of doet) if (a.auteurId !== p.userId) claimed.add(a.id);
    people.push({ key: p.userId, name: p.name, about: p.relation ?? p.watDoetZe, doet });
  }
  const named = new Map<string, Person>();
  for (const a of acties) {
    const who = a.wieHelpt.trim();
    if (!who || claimed.has(a.id)) continue;
    const key = who.toLowerCase();
    const person = named.get(key) ?? { key: `naam-${key}`, name: who, about: null, doet: [] };
    person.doet.push(a);
    named.set(key, person);
  }
  return [...people, ...named.values()];
}

/** "Wie uit mijn omgeving helpt". */
export function Omgeving({
  kring,
  acties,
  myId,
}: {
  kring: MijnPlanHelperDto[];
  acties: EigenActie[];
  myId: string;
}) {
  const people = omgeving(kring, acties, myId);
  if (people.length === 0) {
    return (
      <p className="muted">
        Nog niemand. Helpt iemand je, zoals familie, een buur of een vriend? Schrijf het bij
        &lsquo;Wie helpt je daarbij?&rsquo;.
      </p>
    );
  }
  return (
    <ul className="mp-list" aria-label="Mensen uit mijn omgeving">
      {people.map((p) => (
        <li key={p.key} className="mp-card">
          <h3 className="mp-card__kop">{p.name}</h3>
          {p.about && <p className="mp-meta">{p.about}</p>}
          {p.doet.length > 0 ? (
            <>
              <p className="mp-card__sub">Helpt met:</p>
              <ul className="mp-bullets">
                {p.doet.map((a) => (
                  <li key={a.id}>
                    {a.tekst}
                    {a.gedaan ? ' (gedaan)' : ''}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p className="muted">Heeft nog niets in het plan gezet.</p>
          )}
        </li>
      ))}
    </ul>
  );
}
