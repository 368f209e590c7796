import type { ReactNode } from 'react';
import { Link } from 'react-router';

interface PageHeadProps {
  title: ReactNode;
  titleId?: string;
  intro?: ReactNode;
  /** Where "back" leads, for pages below a list. */
  back?: { to: string; label: string };
  actions?: ReactNode;
}

export function PageHead({ title, titleId, intro, back, actions }: PageHeadProps) {
  return (
    <div className="page-head">
      {back ? (
        <p className="back-link no-print">
          <Link to={back.to}>
            <span aria-hidden="true">← </span>
            {back.label}
          </Link>
        </p>
      ) : null}
      <div className="page-head-row">
        <h1 id={titleId}>{title}</h1>
        {actions ? <div className="page-actions no-print">{actions}</div> : null}
      </div>
      {intro ? <p className="muted">{intro}</p> : null}
    </div>
  );
}
