import { useId } from 'react';
import type { Present } from './use-presence';

/** Who is looking at this plan now (tip 4: work physically close). */
export function PresenceList({ people }: { people: Present[] }) {
  const others = people.filter((p) => !p.self).length;
  const titleId = useId();
  return (
    <div className="presence">
      <h3 className="presence__title" id={titleId}>
        Nu in dit plan
        <span className="visually-hidden">
          {others === 0
            ? ': alleen jij'
            : `: jij en ${others === 1 ? '1 ander' : `${others} anderen`}`}
        </span>
      </h3>
      <ul className="presence__list" aria-labelledby={titleId}>
        {people.map((p) => (
          <li key={p.key} className="presence__person" data-self={p.self || undefined}>
            <span
              className="presence__dot"
              style={{ backgroundColor: p.color }}
              aria-hidden="true"
            />
            {p.name}
            {p.self && <span className="muted"> (jij)</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
