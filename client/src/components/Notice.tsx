import type { ReactNode } from 'react';

interface Props {
  tone?: 'info' | 'warning';
  children: ReactNode;
}

export function Notice({ tone = 'info', children }: Props) {
  return <div className={`notice notice--${tone}`}>{children}</div>;
}
