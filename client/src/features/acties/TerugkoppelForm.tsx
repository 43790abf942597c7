import { ACTIE_STATUS_LABELS, ACTIE_STATUSES, type ActieStatus } from '@spil/shared';
import { type FormEvent, useId, useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage';
import { keys } from '../../lib/query';
import { useDisclosure } from '../../lib/use-disclosure';
import { useSubmit } from '../../lib/use-submit';
import { sendTerugkoppeling } from './acties-api';
import './acties.css';

interface Props {
  householdId: string;
  actieId: string;
  titel: string;
  status: ActieStatus;
}

/**
 * "Terugkoppelen": the owner (or the regiehouder) tells the team where an
 * action stands. The server writes it into the plan, so it appears in every
 * open plan, and notifies the regiehouder and the team.
 */
export function TerugkoppelForm({ householdId, actieId, titel, status }: Props) {
  const id = useId();
  const { open, toggle, show, hide } = useDisclosure(`${id}-tekst`);
  const [tekst, setTekst] = useState('');
  const [next, setNext] = useState<ActieStatus>(status);
  const [invalid, setInvalid] = useState(false);
  const [sent, setSent] = useState<string | null>(null);
  const send = useSubmit(
    () => sendTerugkoppeling(householdId, actieId, { tekst: tekst.trim(), status: next }),
    {
      // The read model follows the plan: the action's last terugkoppeling shows in the lists.
      invalidates: [keys.household(householdId), keys.me(), keys.households(), keys.wijkteam()],
      onSuccess: () => {
        setTekst('');
        setSent('Terugkoppeling verstuurd. Het team krijgt een melding.');
        close();
      },
    },
  );
  const { busy, error } = send;

  function start() {
    setNext(status);
    setSent(null);
    show();
  }

  function close() {
    hide();
    setInvalid(false);
    send.clear();
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!tekst.trim()) {
      setInvalid(true);
      document.getElementById(`${id}-tekst`)?.focus();
      return;
    }
    setInvalid(false);
    await send.run();
  }

  return (
    <div className="terugkoppel">
      {!open && (
        <button ref={toggle} type="button" className="button button--small" onClick={start}>
          Terugkoppelen<span className="visually-hidden"> over {titel || 'deze actie'}</span>
        </button>
      )}
      <p role="status" className={sent ? 'terugkoppel__sent' : 'visually-hidden'}>
        {sent}
      </p>
      {open && (
        <form
          id={`${id}-form`}
          className="terugkoppel__form"
          onSubmit={(e) => void submit(e)}
          noValidate
          aria-label={`Terugkoppeling over ${titel || 'deze actie'}`}
        >
          <div className="field">
            <label htmlFor={`${id}-tekst`}>Wat is de stand van zaken?</label>
            <textarea
              id={`${id}-tekst`}
              rows={3}
              maxLength={2000}
              value={tekst}
              onChange={(e) => setTekst(e.target.value)}
              aria-invalid={invalid ? true : undefined}
              aria-describedby={invalid ? `${id}-fout` : undefined}
            />
            {invalid && (
              <p className="field__error" id={`${id}-fout`}>
                Schrijf kort wat er is gebeurd.
              </p>
            )}
          </div>
          <div className="field terugkoppel__status">
            <label htmlFor={`${id}-status`}>Status na deze terugkoppeling</label>
            <select
              id={`${id}-status`}
              value={next}
              onChange={(e) => setNext(e.target.value as ActieStatus)}
            >
              {ACTIE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {ACTIE_STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
          <ErrorMessage message={error} />
          <div className="terugkoppel__buttons">
            <button type="submit" className="button button--primary" disabled={busy}>
              {busy ? 'Versturen…' : 'Terugkoppeling versturen'}
            </button>
            <button type="button" className="button" onClick={close} disabled={busy}>
              Annuleren
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
