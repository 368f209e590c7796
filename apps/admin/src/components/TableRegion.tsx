import type { ReactNode } from 'react';

/**
 * Lets a wide table scroll sideways on a phone; focusable and labelled so that keyboard users can
 * scroll it too (WCAG 2.1.1).
 */
export function TableRegion({ labelledBy, children }: { labelledBy: string; children: ReactNode }) {
  return (
    <div className="table-region" role="region" aria-labelledby={labelledBy} tabIndex={0}>
      {children}
    </div>
  );
}
