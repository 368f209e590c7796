import { ApiRequestError } from '../api/request';
import { errorMessageKey } from '../errors';
import { useT } from '../i18n/I18nProvider';

interface ErrorPanelProps {
  /** What could not be done, e.g. "The list could not be loaded". */
  title: string;
  error: unknown;
  onRetry?: () => void;
}

export function ErrorPanel({ title, error, onRetry }: ErrorPanelProps) {
  const t = useT();
  const requestId = error instanceof ApiRequestError ? error.requestId : undefined;
  return (
    <div className="panel panel-error" role="alert">
      <p className="panel-title">{title}</p>
      <p>{t(errorMessageKey(error))}</p>
      {requestId ? <p className="muted small">{t('error.requestId', { id: requestId })}</p> : null}
      {onRetry ? (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          {t('common.retry')}
        </button>
      ) : null}
    </div>
  );
}
