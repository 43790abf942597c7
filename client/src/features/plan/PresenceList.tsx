import { useId } from 'react';
import type { Present } from './use-presence';

/** Who has this live document open now (tip 4: work physically close). */
export function PresenceList({
  people,
  title = 'Nu in dit plan',
  level = 3,
}: {
  people: Present[];
  /** Heading above the names, e.g. "Nu in deze notities". */
  title?: string;
  /** Heading level, to fit the outline of the page it is on. */
  level?: 3 | 4;
}) {
  const others = people.filter((p) => !p.self).length;
  const titleId = useId();
  const Heading = level === 4 ? 'h4' : 'h3';
  return (
    <div className="presence">
      <Heading className="presence__title" id={titleId}>
        {title}
        <span className="visually-hidden">
          {others === 0
            ? ': alleen jij'
            : `: jij en ${others === 1 ? '1 ander' : `${others} anderen`}`}
        </span>
      </Heading>
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
