import { isRouteErrorResponse, Link, useRouteError } from 'react-router-dom';
import { ApiError } from '../api/http';
import { PageHeading } from '../components/PageHeading';

function describe(error: unknown): { title: string; message: string } {
  if (error instanceof ApiError) {
    if (error.status === 404) return { title: 'Niet gevonden', message: error.message };
    return { title: 'Dat lukte niet', message: error.message };
  }
  if (isRouteErrorResponse(error) && error.status === 404) {
    return { title: 'Niet gevonden', message: 'Deze pagina bestaat niet.' };
  }
  return {
    title: 'Er ging iets mis',
    message: 'Er ging iets mis. Laad de pagina opnieuw of probeer het later nog eens.',
  };
}

/** Shown in place of a page whose data could not be loaded. */
export function RouteError() {
  const { title, message } = describe(useRouteError());
  return (
    <section className="stack">
      <title>{`${title} – Spil`}</title>
      <PageHeading>{title}</PageHeading>
      <p role="alert">{message}</p>
      <p>
        <Link to="/">Naar Mijn huishoudens</Link>
      </p>
    </section>
  );
}

/** Shown when even the layout failed: no header, a plain page. */
export function RootError() {
  const { title, message } = describe(useRouteError());
  return (
    <main id="inhoud" className="page">
      <title>{`${title} – Spil`}</title>
      <h1>{title}</h1>
      <p role="alert">{message}</p>
      <p>
        <a href="/">Opnieuw proberen</a>
      </p>
    </main>
  );
}

export function NotFoundPage() {
  return (
    <section className="stack">
      <title>Niet gevonden – Spil</title>
      <PageHeading>Niet gevonden</PageHeading>
      <p>Deze pagina bestaat niet.</p>
      <p>
        <Link to="/">Naar Mijn huishoudens</Link>
      </p>
    </section>
  );
}
