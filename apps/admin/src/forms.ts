import { useCallback, useEffect, useRef, useState } from 'react';
import { fieldErrors } from './errors';
import type { PlainMessageKey } from './i18n/translator';

export type FieldMessages = Record<string, PlainMessageKey>;

interface FormErrorState {
  /** The refusal being shown (an API error, or a local check's marker), or null. */
  failure: unknown;
  fields: FieldMessages;
  /** Changes on every report so that focus moves again even for the same fields. */
  round: number;
}

/** A local check failed: no request was sent, only the fields are marked. */
export const LOCAL_CHECK = Symbol('local check');

/**
 * The errors of one form: the API's per-field refusals mapped to this app's wording, local
 * checks, clearing a field's message once it is edited, and focus on the first marked field
 * after each failed submission so that keyboard and screen-reader users land on it.
 */
export function useFormErrors(scope?: string): {
  /** Pass as the form's `ref`: a callback, so the form element is known to the focus logic. */
  attachForm: (form: HTMLFormElement | null) => void;
  failure: unknown;
  fields: FieldMessages;
  report: (error: unknown) => void;
  reportLocal: (fields: FieldMessages) => boolean;
  clear: (...names: string[]) => void;
  reset: () => void;
} {
  const formRef = useRef<HTMLFormElement | null>(null);
  const attachForm = useCallback((form: HTMLFormElement | null) => {
    formRef.current = form;
  }, []);
  const [state, setState] = useState<FormErrorState>({ failure: null, fields: {}, round: 0 });

  useEffect(() => {
    if (state.round === 0) return;
    const form = formRef.current;
    const invalid = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
    // Without a marked field, the summary at the top of the form explains the refusal.
    (invalid ?? form?.querySelector<HTMLElement>('[role="alert"]'))?.focus();
  }, [state.round]);

  const report = useCallback(
    (error: unknown) =>
      setState((current) => ({ failure: error, fields: fieldErrors(error, scope), round: current.round + 1 })),
    [scope],
  );

  /** Marks fields found wrong before sending; true when there were none. */
  const reportLocal = useCallback((fields: FieldMessages) => {
    if (Object.keys(fields).length === 0) return true;
    setState((current) => ({ failure: LOCAL_CHECK, fields, round: current.round + 1 }));
    return false;
  }, []);

  const clear = useCallback(
    (...names: string[]) =>
      setState((current) => {
        if (!names.some((name) => name in current.fields)) return current;
        const fields = { ...current.fields };
        for (const name of names) delete fields[name];
        return { ...current, fields };
      }),
    [],
  );

  const reset = useCallback(() => setState((current) => ({ failure: null, fields: {}, round: current.round })), []);

  return { attachForm, failure: state.failure, fields: state.fields, report, reportLocal, clear, reset };
}

/**
 * What a person types as an amount of đồng or a count: "25.000", "25 000" and "25000" are the
 * same number. Anything else is NaN, which the form reports before sending.
 */
export function parseWholeNumber(text: string): number {
  const compact = text.replace(/[\s.]/g, '');
  return /^-?\d+$/.test(compact) ? Number(compact) : Number.NaN;
}

/** The value shown in an amount field: digits grouped as people write them here. */
export function wholeNumberText(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}
