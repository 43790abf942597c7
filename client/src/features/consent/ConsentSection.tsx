import {
  amsterdamDate,
  CONSENT_GIVER_LABELS,
  CONSENT_GIVERS,
  CONSENT_INFO_KIND_LABELS,
  CONSENT_INFO_KINDS,
  CONSENT_STATUS_LABELS,
  type ConsentDto,
  type ConsentGiver,
  type ConsentInfoKind,
  consentCovers,
  type Domain,
  DOMAIN_LABELS,
  DOMAINS,
  type HouseholdDto,
  isHouseholdRole,
  MEDICAL_NOTES_INFO_KIND,
  type UserDto,
} from '@spil/shared';
import { type FormEvent, useId, useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatDate } from '../../lib/format';
import { LiveNotes } from '../overleg/LiveNotes';
import { useData } from '../../lib/query';
import { useSubmit } from '../../lib/use-submit';
import { consentQueries, recordConsent, withdrawConsent } from './consent-api';
import '../overleg/overleg.css';

function period(c: ConsentDto): string {
  return c.validUntil
    ? `${formatDate(c.validFrom)} tot en met ${formatDate(c.validUntil)}`
    : `vanaf ${formatDate(c.validFrom)}, tot intrekking`;
}

function sharedWith(c: ConsentDto): string {
  return [...c.sharedWithDomains.map((d) => DOMAIN_LABELS[d]), ...c.sharedWithOrganisations].join(
    ', ',
  );
}

function WithdrawControl({ consent, onDone }: { consent: ConsentDto; onDone: () => void }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const send = useSubmit(() => withdrawConsent(consent.householdId, consent.id, { reason }), {
    onSuccess: () => onDone(),
  });
  const { busy, error } = send;
  if (!open) {
    return (
      <button
        type="button"
        className="button button--small casus-danger"
        onClick={() => setOpen(true)}
      >
        Toestemming intrekken
      </button>
    );
  }
  async function submit(ev: FormEvent) {
    ev.preventDefault();
    await send.run();
  }
  return (
    <form className="casus-confirm" onSubmit={(e) => void submit(e)}>
      <p>
        Intrekken gaat meteen in: wie alleen via deze toestemming meelas, verliest direct de
        toegang.
      </p>
      <div className="field">
        <label htmlFor={`${id}-reason`}>Reden (optioneel)</label>
        <input
          id={`${id}-reason`}
          maxLength={1000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </div>
      <ErrorMessage message={error} />
      <div className="casus-row-actions casus-toolbar">
        <button type="submit" className="button button--small casus-danger" disabled={busy}>
          Ja, trek de toestemming in
        </button>
        <button
          type="button"
          className="button button--small"
          disabled={busy}
          onClick={() => setOpen(false)}
        >
          Annuleren
        </button>
      </div>
    </form>
  );
}

function ConsentForm({ householdId, onSaved }: { householdId: string; onSaved: () => void }) {
  const id = useId();
  const today = amsterdamDate(new Date());
  const [givenBy, setGivenBy] = useState<ConsentGiver>('inwoner');
  const [givenByName, setGivenByName] = useState('');
  const [representativeRole, setRepresentativeRole] = useState('');
  const [kinds, setKinds] = useState<Set<ConsentInfoKind>>(new Set([MEDICAL_NOTES_INFO_KIND]));
  const [domains, setDomains] = useState<Set<Domain>>(new Set(['sociaal']));
  const [organisations, setOrganisations] = useState('');
  const [purpose, setPurpose] = useState('');
  const [validFrom, setValidFrom] = useState(today);
  const [validUntil, setValidUntil] = useState('');
  const send = useSubmit(
    () =>
      recordConsent(householdId, {
        givenBy,
        givenByName,
        representativeRole: givenBy === 'wettelijk-vertegenwoordiger' ? representativeRole : null,
        informationKinds: [...kinds],
        sharedWithDomains: [...domains],
        sharedWithOrganisations: organisations
          .split('\n')
          .map((o) => o.trim())
          .filter(Boolean),
        purpose,
        validFrom,
        validUntil: validUntil || null,
      }),
    { onSuccess: () => onSaved() },
  );
  const { busy, error } = send;

  const flip = <T,>(set: Set<T>, value: T, on: boolean) => {
    const next = new Set(set);
    if (on) next.add(value);
    else next.delete(value);
    return next;
  };

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    await send.run();
  }

  return (
    <form className="card stack" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>Toestemming vastleggen</h4>
      <fieldset className="casus-choices">
        <legend>Wie geeft toestemming</legend>
        {CONSENT_GIVERS.map((g) => (
          <label key={g} className="casus-choice">
            <input
              type="radio"
              name={`${id}-giver`}
              checked={givenBy === g}
              onChange={() => setGivenBy(g)}
            />
            <span>{CONSENT_GIVER_LABELS[g]}</span>
          </label>
        ))}
      </fieldset>
      <div className="casus-grid">
        <div className="field">
          <label htmlFor={`${id}-name`}>Naam van wie toestemming geeft</label>
          <input
            id={`${id}-name`}
            required
            maxLength={120}
            value={givenByName}
            onChange={(e) => setGivenByName(e.target.value)}
          />
        </div>
        {givenBy === 'wettelijk-vertegenwoordiger' && (
          <div className="field">
            <label htmlFor={`${id}-rep`}>Als (bijvoorbeeld ouder met gezag, curator, mentor)</label>
            <input
              id={`${id}-rep`}
              required
              maxLength={80}
              value={representativeRole}
              onChange={(e) => setRepresentativeRole(e.target.value)}
            />
          </div>
        )}
      </div>
      <fieldset className="casus-choices">
        <legend>Welke informatie mag gedeeld worden</legend>
        {CONSENT_INFO_KINDS.map((k) => (
          <label key={k} className="casus-choice">
            <input
              type="checkbox"
              checked={kinds.has(k)}
              onChange={(e) => setKinds(flip(kinds, k, e.target.checked))}
            />
            <span>{CONSENT_INFO_KIND_LABELS[k]}</span>
          </label>
        ))}
      </fieldset>
      <fieldset className="casus-choices">
        <legend>Met wie</legend>
        {DOMAINS.map((d) => (
          <label key={d} className="casus-choice">
            <input
              type="checkbox"
              checked={domains.has(d)}
              onChange={(e) => setDomains(flip(domains, d, e.target.checked))}
            />
            <span>Het hele {DOMAIN_LABELS[d].toLowerCase()} in het casusteam</span>
          </label>
        ))}
        <div className="field">
          <label htmlFor={`${id}-orgs`}>Of alleen deze organisaties (één per regel)</label>
          <textarea
            id={`${id}-orgs`}
            rows={2}
            value={organisations}
            onChange={(e) => setOrganisations(e.target.value)}
          />
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-purpose`}>Doel van het delen</label>
        <textarea
          id={`${id}-purpose`}
          rows={2}
          required
          maxLength={1000}
          value={purpose}
          onChange={(e) => setPurpose(e.target.value)}
        />
      </div>
      <div className="casus-grid">
        <div className="field">
          <label htmlFor={`${id}-from`}>Geldig vanaf</label>
          <input
            id={`${id}-from`}
            type="date"
            required
            value={validFrom}
            onChange={(e) => setValidFrom(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-until`}>Geldig tot en met (leeg: tot intrekking)</label>
          <input
            id={`${id}-until`}
            type="date"
            value={validUntil}
            min={validFrom}
            onChange={(e) => setValidUntil(e.target.value)}
          />
        </div>
      </div>
      <ErrorMessage message={error} />
      <p>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Vastleggen…' : 'Toestemming vastleggen'}
        </button>
      </p>
    </form>
  );
}

/** May this user open the household's medical notes? Mirrors the server's policy; the server decides. */
export function medicalNotesAccess(
  household: Pick<HouseholdDto, 'myRole'>,
  user: Pick<UserDto, 'domain' | 'organisation'>,
  consents: ConsentDto[],
): 'write' | 'read' | null {
  const role = household.myRole;
  if (role === null || isHouseholdRole(role)) return null;
  if (user.domain === 'medisch') return role === 'lid' ? 'write' : 'read';
  const today = amsterdamDate(new Date());
  return consents.some((c) => consentCovers(c, user, MEDICAL_NOTES_INFO_KIND, today))
    ? 'read'
    : null;
}

/**
 * Toestemming: what the inwoner (or their representative) agreed to share
 * with whom, and the medical notes it opens. Withdrawal ends access at once.
 */
export function ConsentSection({ household, user }: { household: HouseholdDto; user: UserDto }) {
  // Recorded or withdrawn elsewhere: `household:changed` makes the list stale (live-queries).
  const consents = useData(consentQueries.list(household.id));
  const [adding, setAdding] = useState(false);
  const canRecord = household.myRole === 'lid' || user.systemRole === 'coordinator';
  const canWithdraw = canRecord || household.myRole === 'inwoner';
  const list = consents.data ?? [];
  const notes = consents.data ? medicalNotesAccess(household, user, list) : null;

  return (
    <>
      <ErrorMessage message={consents.error} />
      {consents.data && list.length === 0 && (
        <p>
          Er is nog geen toestemming vastgelegd. Zonder toestemming blijft medische informatie in
          het medisch domein.
        </p>
      )}
      <ul className="consent-list" aria-label="Vastgelegde toestemmingen">
        {list.map((c) => (
          <li key={c.id} className={`card consent--${c.status}`} data-consent={c.id}>
            <p>
              <span className={`badge badge--${c.status}`}>{CONSENT_STATUS_LABELS[c.status]}</span>{' '}
              <strong>{c.givenByName}</strong> ({CONSENT_GIVER_LABELS[c.givenBy].toLowerCase()}
              {c.representativeRole ? `, als ${c.representativeRole}` : ''})
            </p>
            <dl className="facts facts--stacked">
              <div>
                <dt>Informatie</dt>
                <dd>{c.informationKinds.map((k) => CONSENT_INFO_KIND_LABELS[k]).join(', ')}</dd>
              </div>
              <div>
                <dt>Gedeeld met</dt>
                <dd>{sharedWith(c)}</dd>
              </div>
              <div>
                <dt>Doel</dt>
                <dd>{c.purpose}</dd>
              </div>
              <div>
                <dt>Geldig</dt>
                <dd>{period(c)}</dd>
              </div>
              <div>
                <dt>Vastgelegd</dt>
                <dd>
                  door {c.recordedByName} op {formatDate(c.recordedAt)}
                </dd>
              </div>
              {c.withdrawnAt && (
                <div>
                  <dt>Ingetrokken</dt>
                  <dd>
                    door {c.withdrawnByName} op {formatDate(c.withdrawnAt)}
                    {c.withdrawalReason && `: ${c.withdrawalReason}`}
                  </dd>
                </div>
              )}
            </dl>
            {canWithdraw && !c.withdrawnAt && c.status !== 'verlopen' && (
              <WithdrawControl consent={c} onDone={consents.reload} />
            )}
          </li>
        ))}
      </ul>
      {canRecord &&
        (adding ? (
          <ConsentForm
            householdId={household.id}
            onSaved={() => {
              setAdding(false);
              consents.reload();
            }}
          />
        ) : (
          <p className="casus-block">
            <button type="button" className="button" onClick={() => setAdding(true)}>
              Nieuwe toestemming vastleggen
            </button>
          </p>
        ))}

      <h3 id="medische-notities" className="casus-after-cards">
        Medische notities
      </h3>
      {notes ? (
        <LiveNotes
          key={`${household.id}:${notes}`}
          docName={`${household.id}:medisch`}
          label="Medische notities"
          hint={
            notes === 'write'
              ? 'Voor het medisch domein. Wie de toestemming dekt, leest mee.'
              : 'Je leest mee omdat de toestemming van het gezin dit toelaat. Alleen het medisch domein schrijft.'
          }
          canEdit={notes === 'write'}
          user={user}
          refusedText="Je hebt geen toegang (meer) tot de medische notities. De toestemming is ingetrokken of verlopen, of je staat niet meer in het team."
        />
      ) : (
        <p className="muted">
          De medische notities zijn alleen te zien voor het medisch domein en voor wie een geldige
          toestemming van het gezin dekt.
        </p>
      )}
    </>
  );
}
