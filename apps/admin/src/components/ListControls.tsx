import { useId } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import type { SortState } from '../list';

export function SearchField({
  label,
  value,
  onChange,
  hint,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className="field search-field">
      <label htmlFor={id}>{label}</label>
      <div className="search-row">
        <input
          id={id}
          type="search"
          value={value}
          autoComplete="off"
          aria-describedby={hint ? `${id}-hint` : undefined}
          onChange={(event) => onChange(event.target.value)}
        />
        {value ? (
          <button type="button" className="button button-secondary button-small" onClick={() => onChange('')}>
            {t('list.clearSearch')}
          </button>
        ) : null}
      </div>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** A column header that sorts the table; aria-sort tells screen readers the current order. */
export function SortHeader<K extends string>({
  label,
  column,
  sort,
  onSort,
  className,
}: {
  label: string;
  column: K;
  sort: SortState<K>;
  onSort: (column: K) => void;
  className?: string;
}) {
  const { t } = useI18n();
  const active = sort.key === column;
  const ariaSort = active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined;
  return (
    <th scope="col" aria-sort={ariaSort} className={className}>
      <button type="button" className="sort-button" onClick={() => onSort(column)}>
        {label}
        <span className="sort-mark" aria-hidden="true">
          {active ? (sort.direction === 'asc' ? '▲' : '▼') : '↕'}
        </span>
        <span className="visually-hidden">
          {active ? t(sort.direction === 'asc' ? 'list.sortedAscending' : 'list.sortedDescending') : t('list.sortable')}
        </span>
      </button>
    </th>
  );
}

export function Pagination({
  page,
  pageCount,
  onPage,
  label,
}: {
  page: number;
  pageCount: number;
  onPage: (page: number) => void;
  label: string;
}) {
  const { t } = useI18n();
  if (pageCount <= 1) return null;
  return (
    <nav className="pagination" aria-label={label}>
      <button
        type="button"
        className="button button-secondary button-small"
        disabled={page <= 1}
        onClick={() => onPage(page - 1)}
      >
        <span aria-hidden="true">← </span>
        {t('list.previous')}
      </button>
      <span className="pagination-status" aria-live="polite">
        {t('list.pageOf', { page, count: pageCount })}
      </span>
      <button
        type="button"
        className="button button-secondary button-small"
        disabled={page >= pageCount}
        onClick={() => onPage(page + 1)}
      >
        {t('list.next')}
        <span aria-hidden="true"> →</span>
      </button>
    </nav>
  );
}

/** Status tabs above a table: a filter that shows how many rows each choice has. */
export function FilterTabs<V extends string>({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: { value: V; label: string; count?: number }[];
  value: V;
  onChange: (value: V) => void;
}) {
  const { formatNumber } = useI18n();
  return (
    <div className="filter-tabs" role="group" aria-label={label}>
      {options.map((option) => (
        <button
          key={option.value}
          type="button"
          aria-pressed={option.value === value}
          onClick={() => onChange(option.value)}
        >
          {option.label}
          {option.count !== undefined ? <span className="filter-count">{formatNumber(option.count)}</span> : null}
        </button>
      ))}
    </div>
  );
}
