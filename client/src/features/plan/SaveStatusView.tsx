import { SAVE_STATE_TEXT, type SaveState } from './save-status';

const ICON: Record<SaveState, string> = {
  verbinden: '…',
  offline: '⚠',
  opslaan: '↻',
  opgeslagen: '✓',
  geweigerd: '⚠',
};

/** The one live region for connection and saving. */
export function SaveStatusView({ state }: { state: SaveState }) {
  return (
    <p className={`save-status save-status--${state}`} role="status" data-state={state}>
      <span className="save-status__icon" aria-hidden="true">
        {ICON[state]}
      </span>
      <span className="save-status__text">{SAVE_STATE_TEXT[state]}</span>
    </p>
  );
}
