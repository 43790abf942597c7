import type { ReactNode } from 'react';

/** The layout of the pages before login: the brand and one card. */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="login">
      <title>{`${title} – Spil`}</title>
      <header className="login__brand">
        <p className="brand brand--large" aria-hidden="true">
          Spil
        </p>
        <p className="login__tagline">Eén huishouden, één plan.</p>
      </header>
      <main id="inhoud" className="login__card" tabIndex={-1}>
        <h1>{title}</h1>
        {children}
      </main>
    </div>
  );
}
