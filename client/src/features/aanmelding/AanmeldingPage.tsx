import { type FormEvent, type InputHTMLAttributes, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { REFERRER_LABELS, REFERRERS, type Referrer } from '@spil/shared';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageHeading } from '../../components/PageHeading';
import { keys } from '../../lib/query';
import { useSubmit } from '../../lib/use-submit';
import { registerHousehold } from '../account/account-api';
import { householdPath } from '../households/household-tabs';
import './aanmelding.css';

interface Member {
  key: number;
  firstName: string;
  birthYear: string;
  relation: string;
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The inputs of one gezinslid, in their order on the form. */
const MEMBER_FIELDS: {
  name: Exclude<keyof Member, 'key'>;
  label: string;
  input?: InputHTMLAttributes<HTMLInputElement>;
}[] = [
  { name: 'firstName', label: 'Voornaam' },
  { name: 'birthYear', label: 'Geboortejaar', input: { inputMode: 'numeric' } },
  { name: 'relation', label: 'Relatie', input: { placeholder: 'moeder, zoon, …' } },
];

let nextKey = 1;
const blankMember = (): Member => ({ key: nextKey++, firstName: '', birthYear: '', relation: '' });

/** Aanmelding: the coördinator registers a household; the quickscan is the next step. */
export function AanmeldingPage() {
  const navigate = useNavigate();
  const [reference, setReference] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [wijk, setWijk] = useState('');
  const [by, setBy] = useState<Referrer>('huisarts');
  const [on, setOn] = useState(today());
  const [members, setMembers] = useState<Member[]>([blankMember()]);
  const save = useSubmit(registerHousehold, {
    invalidates: [keys.households()],
    onSuccess: (h) => navigate(householdPath(h.id, 'traject')),
  });

  function setMember(key: number, patch: Partial<Member>) {
    setMembers(members.map((m) => (m.key === key ? { ...m, ...patch } : m)));
  }

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const ref = reference.trim().toUpperCase();
    if (!/^[A-Z0-9-]+$/.test(ref))
      return save.fail(
        'Vul een referentienummer in met hoofdletters, cijfers en streepjes.',
        'reference',
      );
    if (!displayName.trim()) return save.fail('Vul de naam van het huishouden in.', 'displayName');
    if (!wijk.trim()) return save.fail('Vul de wijk in.', 'wijk');
    const filled = members.filter(
      (m) => m.firstName.trim() || m.birthYear.trim() || m.relation.trim(),
    );
    for (const m of filled) {
      const year = Number(m.birthYear);
      if (
        !m.firstName.trim() ||
        !m.relation.trim() ||
        !Number.isInteger(year) ||
        year < 1900 ||
        year > 2100
      )
        return save.fail(
          'Vul van elk gezinslid de voornaam, het geboortejaar en de relatie in.',
          'members',
        );
    }
    void save.run({
      reference: ref,
      displayName: displayName.trim(),
      wijk: wijk.trim(),
      members: filled.map((m) => ({
        firstName: m.firstName.trim(),
        birthYear: Number(m.birthYear),
        relation: m.relation.trim(),
      })),
      referral: { by, on },
    });
  }
  const invalid = (f: string) => (save.field === f ? true : undefined);

  return (
    <div className="page">
      <title>Nieuwe aanmelding – Spil</title>
      <PageHeading>Nieuwe aanmelding</PageHeading>
      <p>
        Na het aanmelden kom je op de pagina van het huishouden. De volgende stap is de quickscan.
      </p>
      <ErrorMessage message={save.error} />
      <form noValidate onSubmit={submit} aria-busy={save.busy} className="card">
        <div className="casus-grid">
          <div className="field">
            <label htmlFor="ref">Referentienummer</label>
            <input
              id="ref"
              value={reference}
              onChange={(e) => setReference(e.target.value)}
              aria-invalid={invalid('reference')}
              aria-describedby="ref-hint"
              spellCheck={false}
            />
            <p className="muted" id="ref-hint">
              Het nummer van het wijkteam, bijvoorbeeld SW-2026-014. Nooit een BSN.
            </p>
          </div>
          <div className="field">
            <label htmlFor="name">Naam van het huishouden</label>
            <input
              id="name"
              value={displayName}
              onChange={(e) => setDisplayName(e.target.value)}
              aria-invalid={invalid('displayName')}
            />
          </div>
          <div className="field">
            <label htmlFor="wijk">Wijk</label>
            <input
              id="wijk"
              value={wijk}
              onChange={(e) => setWijk(e.target.value)}
              aria-invalid={invalid('wijk')}
            />
          </div>
          <div className="field">
            <label htmlFor="by">Verwezen door</label>
            <select id="by" value={by} onChange={(e) => setBy(e.target.value as Referrer)}>
              {REFERRERS.map((r) => (
                <option key={r} value={r}>
                  {REFERRER_LABELS[r]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="on">Datum van aanmelding</label>
            <input
              id="on"
              type="date"
              value={on}
              max={today()}
              onChange={(e) => setOn(e.target.value)}
            />
          </div>
        </div>
        <fieldset className="aanmelding-members" aria-invalid={invalid('members')}>
          <legend>Gezinsleden</legend>
          {members.map((m, i) => (
            <div className="casus-grid" key={m.key} role="group" aria-label={`Gezinslid ${i + 1}`}>
              {MEMBER_FIELDS.map(({ name, label, input }) => (
                <div className="field" key={name}>
                  <label htmlFor={`m-${m.key}-${name}`}>{label}</label>
                  <input
                    id={`m-${m.key}-${name}`}
                    {...input}
                    value={m[name]}
                    onChange={(e) => setMember(m.key, { [name]: e.target.value })}
                  />
                </div>
              ))}
              {members.length > 1 && (
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => setMembers(members.filter((x) => x.key !== m.key))}
                >
                  Verwijderen<span className="visually-hidden">: gezinslid {i + 1}</span>
                </button>
              )}
            </div>
          ))}
          <button
            type="button"
            className="button"
            onClick={() => setMembers([...members, blankMember()])}
          >
            Gezinslid toevoegen
          </button>
        </fieldset>
        <button type="submit" className="button button--primary" disabled={save.busy}>
          {save.busy ? 'Bezig…' : 'Huishouden aanmelden'}
        </button>
      </form>
    </div>
  );
}
