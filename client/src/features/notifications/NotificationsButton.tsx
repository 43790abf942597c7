import type { NotificationDto } from '@spil/shared';
import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { mijnPlanPath, useCurrentUser } from '../../app/session';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatDateTime } from '../../lib/format';
import { isHouseholdUser } from '../mijn-plan/household-user';
import { useNotifications } from './use-notifications';
import './notifications.css';

function countLabel(n: number): string {
  return n === 1 ? '1 ongelezen' : `${n} ongelezen`;
}

function Item({
  n,
  household,
  onOpen,
}: {
  n: NotificationDto;
  /** The inwoner and naasten go to Mijn plan, professionals to the household page. */
  household: { path: (id: string) => string; label: string };
  onOpen: (n: NotificationDto) => void;
}) {
  const unread = !n.readAt;
  return (
    <li className={`meldingen__item${unread ? ' meldingen__item--unread' : ''}`}>
      <p className="meldingen__title">
        {unread && (
          <span className="badge meldingen__new">
            Nieuw<span className="visually-hidden">:</span>
          </span>
        )}{' '}
        {n.title}
      </p>
      {n.body && <p className="meldingen__body">{n.body}</p>}
      <p className="meldingen__meta">
        <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time>
        {n.householdId && (
          <>
            {' · '}
            <Link to={household.path(n.householdId)} onClick={() => onOpen(n)}>
              {household.label}
              <span className="visually-hidden">: {n.title}</span>
            </Link>
          </>
        )}
      </p>
    </li>
  );
}

/**
 * "Meldingen" in the header: the unread count on the button, a panel with the
 * latest notifications, and a polite announcement when one arrives live.
 */
export function NotificationsButton() {
  const id = useId();
  const user = useCurrentUser();
  const household = isHouseholdUser(user)
    ? { path: mijnPlanPath, label: 'Naar mijn plan' }
    : { path: (h: string) => `/huishoudens/${h}`, label: 'Naar het huishouden' };
  const { items, unread, error, latest, reload, readAll, busy, read } = useNotifications();
  const [open, setOpen] = useState(false);
  const wrapper = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  // Escape or a click elsewhere closes the panel; Escape gives focus back to the button.
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    const onPointer = (e: PointerEvent) => {
      if (!wrapper.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  function toggle() {
    if (!open) reload();
    setOpen(!open);
  }

  const markAll = readAll;

  function openItem(n: NotificationDto) {
    read(n.id);
    setOpen(false);
  }

  return (
    <div className="meldingen" ref={wrapper}>
      <button
        ref={button}
        type="button"
        className="button button--on-dark meldingen__button"
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        data-loaded={items !== null}
        onClick={toggle}
      >
        Meldingen
        {unread > 0 && (
          <span className="meldingen__count">
            {unread}
            <span className="visually-hidden"> ongelezen</span>
          </span>
        )}
      </button>
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {latest ? `Nieuwe melding: ${latest.title}` : ''}
      </p>
      <div
        id={`${id}-panel`}
        className="meldingen__panel"
        role="region"
        aria-labelledby={`${id}-kop`}
        hidden={!open}
      >
        {open && (
          <>
            <div className="meldingen__head">
              <h2 id={`${id}-kop`} className="meldingen__kop">
                Meldingen
              </h2>
              <p className="meldingen__summary">
                {items === null ? 'Laden…' : unread > 0 ? countLabel(unread) : 'Alles gelezen'}
              </p>
            </div>
            <div className="meldingen__actions">
              <button
                type="button"
                className="button button--small"
                disabled={busy || unread === 0}
                onClick={() => void markAll()}
              >
                Alles gelezen
              </button>
              <button
                type="button"
                className="button button--small"
                onClick={() => {
                  setOpen(false);
                  button.current?.focus();
                }}
              >
                Sluiten
              </button>
            </div>
            <ErrorMessage message={error} />
            {items !== null && items.length === 0 && (
              <p className="meldingen__empty">Je hebt nog geen meldingen.</p>
            )}
            {items !== null && items.length > 0 && (
              <ul className="meldingen__list">
                {items.map((n) => (
                  <Item key={n.id} n={n} household={household} onOpen={openItem} />
                ))}
              </ul>
            )}
          </>
        )}
      </div>
    </div>
  );
}
