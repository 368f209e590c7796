import { ApiRequestError } from '../api/request';
import { errorMessageKey } from '../errors';
import { LOCAL_CHECK } from '../forms';
import { useT } from '../i18n/I18nProvider';

/**
 * The summary at the top of a form that could not be saved. Focusable so that a refusal without a
 * marked field still moves focus somewhere that explains it.
 */
export function FormError({ failure, title }: { failure: unknown; title: string }) {
  const t = useT();
  if (!failure) return null;
  const requestId = failure instanceof ApiRequestError ? failure.requestId : undefined;
  return (
    <div className="form-error" role="alert" tabIndex={-1}>
      <p className="panel-title">{title}</p>
      <p>{failure === LOCAL_CHECK ? t('form.checkMarked') : t(errorMessageKey(failure))}</p>
      {requestId ? <p className="muted small">{t('error.requestId', { id: requestId })}</p> : null}
    </div>
  );
}
