import { meetingIsPast } from '@spil/shared';
import { PageHeading } from '../../components/PageHeading';
import { useLoadedQuery } from '../../lib/query';
import { MeetingList } from './MeetingList';
import { myIcsUrl, overlegQueries } from './overleg-api';
import './overleg.css';

/** "Mijn overleggen": every overleg I am invited to, across my households, and my calendar feed. */
export function MyMeetingsPage() {
  const meetings = useLoadedQuery(overlegQueries.mine('all'));
  const now = new Date();
  const upcoming = meetings.filter((m) => !meetingIsPast(m, now));
  const past = meetings.filter((m) => meetingIsPast(m, now)).reverse();
  const feed = `${window.location.origin}${myIcsUrl}`;
  return (
    <section className="stack">
      <title>Mijn overleggen – Spil</title>
      <PageHeading>Mijn overleggen</PageHeading>
      <div className="card">
        <h2>In je eigen agenda</h2>
        <p>
          Download je overleggen als agendabestand, of gebruik dit adres in een agenda-app die met
          je Spil-sessie kan inloggen: <span className="feed-url">{feed}</span>
        </p>
        <p className="hint">
          In de agenda staan het soort overleg en de referentie van het huishouden, nooit de naam of
          de agenda.
        </p>
        <a className="button" href={myIcsUrl} download="mijn-overleggen.ics">
          Mijn overleggen downloaden (.ics)
        </a>
      </div>
      <h2>Komend</h2>
      <MeetingList
        meetings={upcoming}
        empty="Je hebt geen overleg gepland staan."
        showHousehold
        headingLevel={3}
      />
      <h2>Geweest</h2>
      <MeetingList
        meetings={past}
        empty="Je hebt nog geen overleg gehad."
        showHousehold
        headingLevel={3}
      />
    </section>
  );
}
