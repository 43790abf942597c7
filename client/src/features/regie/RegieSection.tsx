import type {
  HandoverDto,
  HandoverHistoryEntryDto,
  HouseholdDto,
  RegieDetailDto,
  UserDto,
} from '@spil/shared';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatDate, formatDateTime } from '../../lib/format';
import { disciplineLabel } from '../../lib/labels';
import { keys, queryClient, useData } from '../../lib/query';
import { useDisclosure } from '../../lib/use-disclosure';
import { useSubmit } from '../../lib/use-submit';
import { usePlanRegie } from './plan-regie';
import {
  assignRegie,
  decideHandover,
  offerHandover,
  regieQueries,
  withdrawHandover,
} from './regie-api';
import './regie.css';

const MIN_REASON = 3;

interface Candidate {
  userId: string;
  name: string;
  label: string;
}

/** Who may hold regie: professionals who are a `lid` of the team. */
function candidates(household: HouseholdDto, except: string | null): Candidate[] {
  return household.team
    .filter((m) => m.role === 'lid' && m.userId !== except)
    .map((m) => ({
      userId: m.userId,
      name: m.name,
      label: `${m.name} – ${disciplineLabel(m.discipline)}`,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}

/** Choose a lid and give a reason: used to assign (coördinator) and to offer (regiehouder). */
function PersonReasonForm({
  title,
  intro,
  people,
  personLabel,
  submitLabel,
  busyLabel,
  collapsible,
  onSubmit,
}: {
  title: string;
  /** Behind a button until asked for (there is a regiehouder); otherwise open at once. */
  collapsible: boolean;
  intro: string;
  people: Candidate[];
  personLabel: string;
  submitLabel: string;
  busyLabel: string;
  onSubmit: (userId: string, reason: string) => Promise<void>;
}) {
  const id = useId();
  const [userId, setUserId] = useState('');
  const [reason, setReason] = useState('');
  const [invalid, setInvalid] = useState<'person' | 'reason' | null>(null);
  const { open, setOpen, toggle, show, hide: close } = useDisclosure(`${id}-person`);
  const send = useSubmit(onSubmit, {
    onSuccess: () => {
      setUserId('');
      setReason('');
      setOpen(false);
    },
  });
  const busy = send.busy;

  function hide() {
    close();
    setInvalid(null);
    send.clear();
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!userId) {
      setInvalid('person');
      document.getElementById(`${id}-person`)?.focus();
      return;
    }
    if (reason.trim().length < MIN_REASON) {
      setInvalid('reason');
      document.getElementById(`${id}-reason`)?.focus();
      return;
    }
    setInvalid(null);
    await send.run(userId, reason.trim());
  }

  if (people.length === 0) {
    return (
      <div className="card regie-form">
        <h3 className="regie-form__title">{title}</h3>
        <p>Er staat nog niemand als lid in het casusteam die de regie kan krijgen.</p>
      </div>
    );
  }

  if (collapsible && !open) {
    return (
      <p className="regie-form__open">
        <button ref={toggle} type="button" className="button" onClick={show}>
          {title}
        </button>
      </p>
    );
  }

  return (
    <form
      className="card regie-form"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby={`${id}-title`}
    >
      <h3 id={`${id}-title`} className="regie-form__title">
        {title}
      </h3>
      <p className="hint">{intro}</p>
      <div className="regie-form__fields">
        <div className="field">
          <label htmlFor={`${id}-person`}>{personLabel}</label>
          <select
            id={`${id}-person`}
            value={userId}
            onChange={(e) => setUserId(e.target.value)}
            aria-invalid={invalid === 'person' ? true : undefined}
            aria-describedby={invalid === 'person' ? `${id}-person-error` : undefined}
          >
            <option value="">Kies iemand uit het team</option>
            {people.map((p) => (
              <option key={p.userId} value={p.userId}>
                {p.label}
              </option>
            ))}
          </select>
          {invalid === 'person' && (
            <p className="field__error" id={`${id}-person-error`}>
              Kies eerst wie de regie krijgt.
            </p>
          )}
        </div>
        <div className="field field--grow">
          <label htmlFor={`${id}-reason`}>Reden</label>
          <textarea
            id={`${id}-reason`}
            rows={2}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={invalid === 'reason' ? true : undefined}
            aria-describedby={`${id}-reason-hint${invalid === 'reason' ? ` ${id}-reason-error` : ''}`}
          />
          <p className="hint regie-form__hint" id={`${id}-reason-hint`}>
            Komt in de geschiedenis van de regie: waarom deze persoon.
          </p>
          {invalid === 'reason' && (
            <p className="field__error" id={`${id}-reason-error`}>
              Schrijf een reden van minstens {MIN_REASON} tekens.
            </p>
          )}
        </div>
      </div>
      <ErrorMessage message={send.error} />
      <div className="regie-form__buttons">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? busyLabel : submitLabel}
        </button>
        {collapsible && (
          <button type="button" className="button" onClick={hide} disabled={busy}>
            Annuleren
          </button>
        )}
      </div>
    </form>
  );
}

/**
 * Withdraw an open offer, behind a confirm step that shows the offer again:
 * for the one who made it and for the coördinator.
 */
function WithdrawHandover({
  handover,
  me,
  onWithdraw,
}: {
  handover: HandoverDto;
  me: string;
  onWithdraw: (reason: string) => Promise<void>;
}) {
  const id = useId();
  const { open: asking, toggle, show: ask, hide } = useDisclosure(`${id}-reason`);
  const [reason, setReason] = useState('');
  const send = useSubmit(onWithdraw);
  const busy = send.busy;

  function cancel() {
    hide();
    send.clear();
  }

  async function confirm(e: FormEvent) {
    e.preventDefault();
    await send.run(reason.trim());
  }

  if (!asking) {
    return (
      <div className="regie-handover__buttons">
        <button ref={toggle} type="button" className="button" onClick={ask}>
          Aanbod intrekken
        </button>
      </div>
    );
  }
  const from = handover.fromUserId === me ? 'jouw aanbod' : `het aanbod van ${handover.fromName}`;
  return (
    <form
      className="regie-withdraw"
      onSubmit={(e) => void confirm(e)}
      noValidate
      aria-labelledby={`${id}-title`}
    >
      <p id={`${id}-title`} className="regie-withdraw__title">
        <strong>
          Weet je zeker dat je {from} aan {handover.toName} wilt intrekken?
        </strong>
      </p>
      <p className="hint">
        {handover.toName} kan de regie dan niet meer accepteren en krijgt een melding.{' '}
        {handover.fromUserId === me ? 'Je' : `${handover.fromName} blijft regiehouder; je`} kunt
        later opnieuw een overdracht aanbieden.
      </p>
      <div className="field">
        <label htmlFor={`${id}-reason`}>Reden (niet verplicht)</label>
        <textarea
          id={`${id}-reason`}
          rows={2}
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-describedby={`${id}-reason-hint`}
        />
        <p className="hint regie-form__hint" id={`${id}-reason-hint`}>
          Komt in de geschiedenis van de overdrachten en in de melding aan {handover.toName}.
        </p>
      </div>
      <ErrorMessage message={send.error} />
      <div className="regie-handover__buttons">
        <button type="submit" className="button regie-danger" disabled={busy}>
          {busy ? 'Intrekken…' : 'Ja, aanbod intrekken'}
        </button>
        <button type="button" className="button" onClick={cancel} disabled={busy}>
          Annuleren
        </button>
      </div>
    </form>
  );
}

function OpenHandover({
  handover,
  me,
  canWithdraw,
  onDecide,
  onWithdraw,
}: {
  handover: HandoverDto;
  me: string;
  canWithdraw: boolean;
  onDecide: (accept: boolean) => Promise<void>;
  onWithdraw: (reason: string) => Promise<void>;
}) {
  const decide = useSubmit(onDecide);
  const busy = decide.busy;

  const receiver = handover.toUserId === me;
  return (
    <div className="notice notice--warning regie-handover">
      {receiver ? (
        <p>
          <strong>{handover.fromName} vraagt je de regie over te nemen.</strong>
        </p>
      ) : (
        <p>
          <strong>
            {handover.fromUserId === me ? 'Je hebt' : `${handover.fromName} heeft`} de regie
            aangeboden aan {handover.toName}.
          </strong>{' '}
          Zodra {handover.toName} accepteert, is de regie overgedragen.
        </p>
      )}
      <p>
        Reden: {handover.reason}{' '}
        <span className="muted">({formatDateTime(handover.createdAt)})</span>
      </p>
      {receiver && (
        <div className="regie-handover__buttons">
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            onClick={() => void decide.run(true)}
          >
            Regie accepteren
          </button>
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void decide.run(false)}
          >
            Overdracht weigeren
          </button>
        </div>
      )}
      <ErrorMessage message={decide.error} />
      {canWithdraw && !receiver && (
        <WithdrawHandover handover={handover} me={me} onWithdraw={onWithdraw} />
      )}
    </div>
  );
}

const HANDOVER_OUTCOME: Record<HandoverHistoryEntryDto['status'], string> = {
  open: 'staat open',
  geaccepteerd: 'geaccepteerd',
  geweigerd: 'geweigerd',
  ingetrokken: 'ingetrokken',
};

/** Offers that were answered or withdrawn: who offered to whom, how it ended, by whom and why. */
function HandoverHistory({ handovers }: { handovers: HandoverHistoryEntryDto[] }) {
  const done = handovers.filter((h) => h.status !== 'open');
  if (done.length === 0) return null;
  return (
    <div className="regie-handovers">
      <h4 className="regie-handovers__title">Eerdere aanbiedingen</h4>
      <ol className="regie-offers">
        {done.map((h) => (
          <li key={h.id} className="regie-offers__item">
            <p className="regie-offers__who">
              <strong>
                {h.fromName} bood de regie aan {h.toName} aan
              </strong>{' '}
              <span className="regie-offers__period">
                op <time dateTime={h.createdAt}>{formatDateTime(h.createdAt)}</time>
              </span>
            </p>
            <p className="regie-offers__why">
              {h.status === 'ingetrokken' && !h.decidedByName
                ? 'Vervallen door een nieuwe toewijzing of een nieuw aanbod'
                : `${HANDOVER_OUTCOME[h.status].replace(/^./, (c) => c.toUpperCase())}${h.decidedByName ? ` door ${h.decidedByName}` : ''}`}
              {h.decidedAt && (
                <>
                  {' '}
                  op <time dateTime={h.decidedAt}>{formatDateTime(h.decidedAt)}</time>
                </>
              )}
              .{h.decisionReason ? ` Reden: ${h.decisionReason}` : ''}
            </p>
          </li>
        ))}
      </ol>
    </div>
  );
}

function History({ history }: { history: RegieDetailDto['history'] }) {
  if (history.length === 0) return <p className="muted">Er is nog nooit regie toegewezen.</p>;
  return (
    <ol className="regie-history">
      {history.map((h) => (
        <li key={`${h.userId}-${h.since}`} className="regie-history__item">
          <p className="regie-history__who">
            <strong>{h.name}</strong>{' '}
            <span className="regie-history__period">
              {h.until
                ? `van ${formatDate(h.since)} tot ${formatDate(h.until)}`
                : `sinds ${formatDate(h.since)} (nu)`}
            </span>
          </p>
          <p className="regie-history__why">
            Toegewezen door {h.assignedByName} op{' '}
            <time dateTime={h.since}>{formatDateTime(h.since)}</time>. Reden: {h.reason}
          </p>
        </li>
      ))}
    </ol>
  );
}

/**
 * Regie on the household page: who holds it (live from the open plan), the
 * history, and what I may do: assign (coördinator), offer it to a colleague
 * (regiehouder), accept or decline an offer (its receiver).
 */
export function RegieSection({ household, user }: { household: HouseholdDto; user: UserDto }) {
  const fromPlan = usePlanRegie(household.id);
  const detail = useData(regieQueries.detail(household.id));
  const { data, reload } = detail;
  const handovers = useData(regieQueries.handovers(household.id));
  const [message, setMessage] = useState<string | null>(null);
  const messageRef = useRef<HTMLParagraphElement>(null);
  /** A command answered with the new regie: show it, and let every view of this household follow. */
  function set(next: RegieDetailDto) {
    queryClient.setQueryData(regieQueries.detail(household.id).queryKey, next);
    void queryClient.invalidateQueries({ queryKey: keys.household(household.id) });
    void queryClient.invalidateQueries({ queryKey: keys.households() });
  }

  // The plan (or the page) knows of a regie change before this part does: load the history again.
  const loadedHolder = data?.current?.userId ?? null;
  const planHolder = fromPlan === undefined ? loadedHolder : (fromPlan?.userId ?? null);
  const pageHolder = household.regie?.userId ?? null;
  const askedFor = useRef('');
  useEffect(() => {
    const seen = `${planHolder ?? ''}|${pageHolder ?? ''}`;
    if (!data || (planHolder === loadedHolder && pageHolder === loadedHolder)) return;
    // Once per news: if the sources keep disagreeing, do not keep asking.
    if (askedFor.current === seen) return;
    askedFor.current = seen;
    reload();
  }, [data, planHolder, pageHolder, loadedHolder, reload]);

  function done(text: string) {
    setMessage(text);
    // The control that was used may be gone now: the message takes focus.
    requestAnimationFrame(() => messageRef.current?.focus());
  }

  // What the page shows as current: the open plan's word first, it is the freshest.
  const current =
    fromPlan !== undefined
      ? fromPlan && {
          userId: fromPlan.userId,
          name: fromPlan.name,
          since: fromPlan.since,
          reason: data?.current?.userId === fromPlan.userId ? data.current.reason : null,
        }
      : data
        ? data.current
        : household.regie && { ...household.regie, reason: null };
  const holder = current?.userId ?? null;
  const coordinator = user.systemRole === 'coordinator';
  const open = data?.openHandover ?? null;
  const isHolder = holder === user.id;

  return (
    <div className="regie stack">
      <div className="card regie-current">
        <h3 className="regie-current__title">Huidige regiehouder</h3>
        {current ? (
          <>
            <p className="regie-current__name">
              <strong>{current.name}</strong>
              {isHolder && <span className="muted"> (jij)</span>}{' '}
              <span className="muted">sinds {formatDate(current.since)}</span>
            </p>
            {current.reason && <p className="regie-current__reason">Reden: {current.reason}</p>}
          </>
        ) : (
          <p className="regie-current__name">
            <strong className="text-warning">Nog niemand.</strong>{' '}
            {coordinator
              ? 'Wijs hieronder een regiehouder aan.'
              : 'De coördinator wijst een regiehouder aan.'}
          </p>
        )}
      </div>

      <p
        ref={messageRef}
        tabIndex={-1}
        role="status"
        className={message ? 'notice regie-message' : 'visually-hidden'}
      >
        {message}
      </p>
      <ErrorMessage message={detail.error} />

      {open && (
        <OpenHandover
          handover={open}
          me={user.id}
          canWithdraw={open.fromUserId === user.id || coordinator}
          onWithdraw={async (reason) => {
            set(await withdrawHandover(household.id, open.id, reason));
            done(`Je hebt het aanbod aan ${open.toName} ingetrokken.`);
          }}
          onDecide={async (accept) => {
            set(await decideHandover(household.id, open.id, accept));
            done(
              accept
                ? 'Je hebt de regie geaccepteerd. Je bent nu regiehouder.'
                : 'Je hebt de overdracht geweigerd.',
            );
          }}
        />
      )}

      {coordinator && (
        <PersonReasonForm
          title={current ? 'Regie toewijzen aan iemand anders' : 'Regie toewijzen'}
          intro="Als coördinator wijs je de regie toe aan een lid van het casusteam. Diegene krijgt meteen een melding."
          people={candidates(household, holder)}
          personLabel="Nieuwe regiehouder"
          submitLabel="Regie toewijzen"
          busyLabel="Toewijzen…"
          collapsible={current !== null}
          onSubmit={async (userId, reason) => {
            const next = await assignRegie(household.id, { userId, reason });
            set(next);
            done(`${next.current?.name ?? 'De gekozen persoon'} is nu regiehouder.`);
          }}
        />
      )}

      {isHolder && !open && (
        <PersonReasonForm
          title="Regie overdragen"
          intro="Bied de regie aan een collega in het team aan. Die accepteert of weigert; tot dan houd jij de regie."
          people={candidates(household, user.id)}
          personLabel="Overdragen aan"
          submitLabel="Overdracht aanbieden"
          busyLabel="Aanbieden…"
          collapsible
          onSubmit={async (userId, reason) => {
            const offered = await offerHandover(household.id, { userId, reason });
            void queryClient.invalidateQueries({ queryKey: keys.household(household.id, 'regie') });
            done(`Je hebt de regie aangeboden aan ${offered.toName}.`);
          }}
        />
      )}

      <div className="regie-history-wrap">
        <h3>Geschiedenis van de regie</h3>
        {data ? <History history={data.history} /> : <p role="status">Laden…</p>}
        {handovers.data && <HandoverHistory handovers={handovers.data} />}
      </div>
    </div>
  );
}
