import type { ReactNode } from 'react';

export function EmptyState({
  title,
  hint,
  action,
  testId,
}: {
  title: string;
  hint?: ReactNode;
  action?: ReactNode;
  testId?: string;
}) {
  return (
    <div className="panel panel-empty" data-testid={testId}>
      <p className="panel-title">{title}</p>
      {hint ? <p className="muted">{hint}</p> : null}
      {action}
    </div>
  );
}
