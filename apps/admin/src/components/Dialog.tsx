import { type FormEvent, type ReactNode, useEffect, useId, useRef } from 'react';
import { useT } from '../i18n/I18nProvider';
import { FormError } from './FormError';

interface DialogProps {
  open: boolean;
  title: string;
  /** What will happen, in words; the confirm button repeats the action. */
  children?: ReactNode;
  confirmLabel: string;
  busyLabel?: string;
  tone?: 'danger' | 'primary';
  busy?: boolean;
  /** The refusal of the last attempt, shown inside the dialog so the person can correct and retry. */
  failure?: unknown;
  failureTitle?: string;
  onConfirm: () => void;
  onCancel: () => void;
  /** Where focus starts: "Cancel", or the content's element marked data-autofocus (a reason to type). */
  initialFocus?: 'cancel' | 'content';
  testId?: string;
}

/**
 * A modal question before anything that cannot be undone (or needs a reason). The native
 * <dialog> keeps focus inside, closes on Escape and gives focus back to the button that opened
 * it. Focus starts on the element marked data-autofocus, else on "Cancel", so that pressing Enter
 * straight away never destroys anything.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  busyLabel,
  tone = 'danger',
  busy = false,
  failure,
  failureTitle,
  onConfirm,
  onCancel,
  initialFocus = 'cancel',
  testId,
}: DialogProps) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!busy) onConfirm();
  };

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(event) => {
        // The parent owns whether the dialog is open; Escape asks it to close.
        event.preventDefault();
        if (!busy) onCancel();
      }}
    >
      {open ? (
        <form className="dialog-form" onSubmit={submit} noValidate aria-busy={busy}>
          <h2 id={titleId}>{title}</h2>
          {failure ? <FormError failure={failure} title={failureTitle ?? t('dialog.failed')} /> : null}
          {children}
          <div className="dialog-actions">
            <button
              type="button"
              className="button button-secondary"
              onClick={onCancel}
              disabled={busy}
              data-autofocus={initialFocus === 'cancel' ? true : undefined}
            >
              {t('common.cancel')}
            </button>
            <button type="submit" className={tone === 'danger' ? 'button button-danger' : 'button'} disabled={busy}>
              {busy ? <span className="spinner" aria-hidden="true" /> : null}
              {busy ? (busyLabel ?? t('common.working')) : confirmLabel}
            </button>
          </div>
        </form>
      ) : null}
    </dialog>
  );
}

interface ReasonDialogProps extends Omit<DialogProps, 'children' | 'initialFocus'> {
  intro?: ReactNode;
  label: string;
  hint?: string;
  reason: string;
  onReasonChange: (reason: string) => void;
  /** Already translated: the API's or a local check's message for the reason. */
  reasonError?: string;
  required?: boolean;
}

/** A confirmation that asks why: the reason is kept in the history and shown to the other party. */
export function ReasonDialog({
  intro,
  label,
  hint,
  reason,
  onReasonChange,
  reasonError,
  required = true,
  ...dialog
}: ReasonDialogProps) {
  const t = useT();
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, reasonError ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <ConfirmDialog {...dialog} initialFocus="content">
      {intro ? <div className="dialog-intro">{intro}</div> : null}
      <div className="field">
        <label htmlFor={id}>
          {label}
          {required ? null : <span className="optional"> ({t('common.optional')})</span>}
        </label>
        <textarea
          id={id}
          name="reason"
          rows={4}
          value={reason}
          data-autofocus
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={describedBy || undefined}
          onChange={(event) => onReasonChange(event.target.value)}
        />
        {hint ? (
          <p id={`${id}-hint`} className="hint">
            {hint}
          </p>
        ) : null}
        {reasonError ? (
          <p id={`${id}-error`} className="field-error">
            {reasonError}
          </p>
        ) : null}
      </div>
    </ConfirmDialog>
  );
}
