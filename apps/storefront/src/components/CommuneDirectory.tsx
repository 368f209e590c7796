import type { Schemas } from '@ocop/api-client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api } from '../api/client';
import { unwrap } from '../api/request';
import { useDebouncedValue } from '../hooks';
import { useI18n } from '../i18n/I18nProvider';
import { placeName } from '../place';
import { ErrorPanel } from './ErrorPanel';

// Long enough to skip the keystrokes of a word being typed, short enough to feel live.
const SEARCH_DELAY_MS = 250;
// The API rejects longer queries.
const MAX_QUERY_LENGTH = 80;
const SKELETON_ROWS = 8;

/** `province` is undefined while the platform loads: the section is laid out, but asks nothing yet. */
export function CommuneDirectory({ province }: { province: Schemas['ProvinceDto'] | undefined }) {
  const { t, tn } = useI18n();
  const ids = { title: useId(), hint: useId(), input: useId() };
  const [input, setInput] = useState('');
  const trimmed = input.trim();
  const debounced = useDebouncedValue(trimmed, SEARCH_DELAY_MS);
  // Clearing the box shows the full list at once instead of after the debounce delay.
  const query = trimmed === '' ? '' : debounced;

  const provinceCode = province?.code ?? '';
  const communes = useQuery({
    queryKey: ['communes', provinceCode, query],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/communes', {
          params: { query: query ? { province: provinceCode, q: query } : { province: provinceCode } },
          signal,
        }),
      ),
    enabled: province !== undefined,
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });

  const searching = trimmed !== query || (communes.isFetching && communes.isPlaceholderData);
  const list = communes.data;

  let status: string;
  if (communes.isPending) status = t('common.loading');
  else if (communes.isError) status = '';
  else if (searching) status = t('communes.searching');
  else if (query) status = tn('communes.matches', list?.length ?? 0, { query });
  else status = tn('communes.all', list?.length ?? 0);

  return (
    <section className="section communes" aria-labelledby={ids.title}>
      <div className="section-head">
        <h2 id={ids.title}>{t('communes.title')}</h2>
        <p className="muted">
          {province ? t('communes.intro', { place: placeName(t, province) }) : t('communes.introFallback')}
        </p>
      </div>

      <form className="search" role="search" onSubmit={(event) => event.preventDefault()}>
        <label htmlFor={ids.input}>{t('communes.searchLabel')}</label>
        <div className="search-row">
          <input
            id={ids.input}
            type="search"
            value={input}
            maxLength={MAX_QUERY_LENGTH}
            autoComplete="off"
            spellCheck={false}
            placeholder={t('communes.searchPlaceholder')}
            aria-describedby={ids.hint}
            onChange={(event) => setInput(event.target.value)}
          />
          {searching ? <span className="spinner search-spinner" aria-hidden="true" /> : null}
        </div>
        <p id={ids.hint} className="hint">
          {t('communes.searchHint')}
        </p>
      </form>

      <p className="result-status" role="status" aria-live="polite" data-testid="commune-status">
        {status}
      </p>

      {communes.isError ? (
        <ErrorPanel title={t('communes.error')} error={communes.error} onRetry={() => void communes.refetch()} />
      ) : communes.isPending ? (
        <ul className="commune-list" aria-hidden="true">
          {Array.from({ length: SKELETON_ROWS }, (_, index) => (
            <li key={index} className="commune skeleton" />
          ))}
        </ul>
      ) : list && list.length === 0 ? (
        <div className="panel panel-empty">
          <p className="panel-title">{query ? t('communes.empty', { query }) : t('communes.none')}</p>
          {query ? (
            <>
              <p className="muted">{t('communes.emptyHint')}</p>
              <button type="button" className="button button-secondary" onClick={() => setInput('')}>
                {t('communes.clear')}
              </button>
            </>
          ) : null}
        </div>
      ) : (
        <ul className="commune-list" aria-labelledby={ids.title} aria-busy={searching} data-testid="commune-list">
          {list?.map((commune) => (
            <li key={commune.code} className="commune">
              <span className="commune-name">{commune.name}</span>
              <span className="commune-meta">
                {t(`communes.kind.${commune.kind}`)} · {t('communes.code', { code: commune.code })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
