import type { TeamMemberDto } from '@spil/shared';
import { TeamCard } from './TeamCard';

interface Props {
  team: TeamMemberDto[];
  regieUserId: string | null;
  myId: string;
}

/** Professionals first (regiehouder on top), then the household's own people. */
function order(team: TeamMemberDto[], regieUserId: string | null): TeamMemberDto[] {
  const rank = (m: TeamMemberDto) =>
    m.userId === regieUserId ? 0 : m.role === 'lid' ? 1 : m.role === 'meelezer' ? 2 : 3;
  return [...team].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, 'nl'));
}

export function TeamList({ team, regieUserId, myId }: Props) {
  if (team.length === 0) return <p>Er staat nog niemand in het casusteam.</p>;
  return (
    <ul className="card-grid card-grid--team">
      {order(team, regieUserId).map((m) => (
        <TeamCard
          key={m.userId}
          member={m}
          regiehouder={m.userId === regieUserId}
          self={m.userId === myId}
        />
      ))}
    </ul>
  );
}
