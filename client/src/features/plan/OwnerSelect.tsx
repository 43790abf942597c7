import { disciplineLabel } from '../../lib/labels';
import { usePlan } from './plan-context';

interface Props {
  id: string;
  value: string | null;
  onChange: (userId: string | null) => void;
  disabled?: boolean;
}

/** An action's owner: someone on the casus team. */
export function OwnerSelect({ id, value, onChange, disabled }: Props) {
  const { owners } = usePlan();
  const known = value === null || owners.some((o) => o.userId === value);
  return (
    <select
      id={id}
      className="input"
      value={value ?? ''}
      disabled={disabled}
      onChange={(e) => onChange(e.target.value || null)}
    >
      <option value="">Nog niemand</option>
      {!known && value && <option value={value}>Iemand die niet meer in het team staat</option>}
      {owners.map((o) => (
        <option key={o.userId} value={o.userId}>
          {o.name} – {disciplineLabel(o.discipline)}
        </option>
      ))}
    </select>
  );
}
