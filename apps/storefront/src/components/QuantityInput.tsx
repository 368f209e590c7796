import { useId, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider';

// The API refuses more than this on one line.
export const MAX_LINE_QUANTITY = 999;

interface QuantityInputProps {
  value: number;
  /** Called with a whole number from 1 to MAX_LINE_QUANTITY; the caller checks it against stock. */
  onChange: (quantity: number) => void;
  /** What the buttons allow; typing a larger number is still possible and is checked by the API. */
  max?: number;
  disabled?: boolean;
  label: string;
  describedBy?: string;
}

/**
 * A − / number / + stepper. Large touch targets for a phone; the number can also be typed, and is
 * committed when the field loses focus or Enter is pressed, not on every keystroke.
 */
export function QuantityInput({
  value,
  onChange,
  max = MAX_LINE_QUANTITY,
  disabled,
  label,
  describedBy,
}: QuantityInputProps) {
  const { t } = useI18n();
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const upper = Math.min(Math.max(max, 1), MAX_LINE_QUANTITY);

  const commit = () => {
    if (draft === null) return;
    const parsed = Math.trunc(Number(draft));
    setDraft(null);
    if (!Number.isFinite(parsed) || parsed < 1) return;
    const next = Math.min(parsed, MAX_LINE_QUANTITY);
    if (next !== value) onChange(next);
  };

  return (
    <div className="quantity">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <button
        type="button"
        className="quantity-step"
        disabled={disabled || value <= 1}
        aria-label={t('quantity.decrease')}
        onClick={() => onChange(value - 1)}
      >
        −
      </button>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={1}
        max={MAX_LINE_QUANTITY}
        value={draft ?? String(value)}
        disabled={disabled}
        aria-describedby={describedBy}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            commit();
          }
        }}
      />
      <button
        type="button"
        className="quantity-step"
        disabled={disabled || value >= upper}
        aria-label={t('quantity.increase')}
        onClick={() => onChange(value + 1)}
      >
        +
      </button>
    </div>
  );
}
