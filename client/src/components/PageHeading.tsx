import type { ReactNode } from 'react';

/**
 * The page's one h1. It takes focus after a client-side navigation (see
 * AppLayout), so a screen reader announces the new page.
 */
export function PageHeading({ children }: { children: ReactNode }) {
  return (
    <h1 tabIndex={-1} data-page-heading="">
      {children}
    </h1>
  );
}
