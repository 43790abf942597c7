import type { AgendaItem } from '@spil/shared';
import { useId } from 'react';

interface Props {
  items: AgendaItem[];
  onChange: (items: AgendaItem[]) => void;
}

const SOURCE_TEXT: Record<AgendaItem['bron'], string> = {
  achterstallig: 'uit het plan: achterstallige actie',
  actie: 'uit het plan: open actie',
  doel: 'uit het plan: doel',
  vast: 'vast punt',
  vrij: 'eigen punt',
};

/** The agenda as a list to edit: change, reorder, remove, add. Every control has its own label. */
export function AgendaEditor({ items, onChange }: Props) {
  const id = useId();
  const set = (i: number, patch: Partial<AgendaItem>) =>
    onChange(items.map((it, j) => (j === i ? { ...it, ...patch } : it)));
  const move = (i: number, d: -1 | 1) => {
    const next = [...items];
    const [it] = next.splice(i, 1);
    if (it) next.splice(i + d, 0, it);
    onChange(next);
  };
  return (
    <>
      <ol className="agenda-editor" aria-label="Agendapunten">
        {items.map((it, i) => (
          <li key={it.id} className="agenda-editor__item">
            <div className="field">
              <label htmlFor={`${id}-t-${it.id}`}>
                Agendapunt {i + 1} <span className="muted">({SOURCE_TEXT[it.bron]})</span>
              </label>
              <input
                id={`${id}-t-${it.id}`}
                value={it.titel}
                maxLength={300}
                required
                onChange={(e) => set(i, { titel: e.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-n-${it.id}`}>Toelichting bij punt {i + 1}</label>
              <input
                id={`${id}-n-${it.id}`}
                value={it.toelichting}
                maxLength={1000}
                onChange={(e) => set(i, { toelichting: e.target.value })}
              />
            </div>
            <div className="agenda-editor__actions">
              <button
                type="button"
                className="button button--small"
                disabled={i === 0}
                onClick={() => move(i, -1)}
              >
                Omhoog<span className="visually-hidden"> (punt {i + 1})</span>
              </button>
              <button
                type="button"
                className="button button--small"
                disabled={i === items.length - 1}
                onClick={() => move(i, 1)}
              >
                Omlaag<span className="visually-hidden"> (punt {i + 1})</span>
              </button>
              <button
                type="button"
                className="button button--small casus-danger"
                onClick={() => onChange(items.filter((_, j) => j !== i))}
              >
                Verwijderen<span className="visually-hidden"> (punt {i + 1})</span>
              </button>
            </div>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="button button--small"
        onClick={() =>
          onChange([
            ...items,
            { id: crypto.randomUUID(), titel: '', toelichting: '', bron: 'vrij', refId: null },
          ])
        }
      >
        Agendapunt toevoegen
      </button>
    </>
  );
}
