import type { HouseholdMemberDto } from '@spil/shared';

export function MemberList({ members }: { members: HouseholdMemberDto[] }) {
  if (members.length === 0) return <p>Er zijn nog geen gezinsleden vastgelegd.</p>;
  return (
    <ul className="member-list">
      {members.map((m) => (
        <li key={m.id}>
          <span className="member-list__name">{m.firstName}</span>
          <span className="member-list__meta">
            {m.relation}, geboren in {m.birthYear}
          </span>
        </li>
      ))}
    </ul>
  );
}
