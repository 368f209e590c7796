import type { ReactNode } from 'react';

/** A whole-page "please wait" line, announced to screen readers. */
export function PageStatus({ children }: { children: ReactNode }) {
  return (
    <p className="page-status" role="status">
      <span className="spinner" aria-hidden="true" /> {children}
    </p>
  );
}
