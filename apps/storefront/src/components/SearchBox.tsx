import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type FormEvent, type KeyboardEvent, useId, useRef, useState } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { type Suggestion, suggest } from '../api/search';
import { useDebouncedValue } from '../hooks';
import { useI18n } from '../i18n/I18nProvider';
import { MAX_QUERY_LENGTH } from '../searchParams';
import { SearchIcon } from './Icons';

// Short enough to feel instant while typing on a phone, long enough to skip most keystrokes.
const SUGGEST_DELAY_MS = 200;
const MIN_SUGGEST_LENGTH = 2;

function kindLabel(t: ReturnType<typeof useI18n>['t'], option: Suggestion): string {
  return option.type === 'category' ? t('search.kind.category') : t('search.kind.commune');
}

/**
 * The site-wide search: a combobox (ARIA 1.2) whose suggestions are product names, categories and
 * communes, found with or without diacritics. Enter searches for the text; choosing a suggestion
 * opens that product, or searches within that category or commune.
 */
export function SearchBox() {
  const { t, tn } = useI18n();
  const ids = { input: useId(), list: useId(), status: useId() };
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const urlQuery = location.pathname === '/tim-kiem' ? (params.get('q') ?? '') : '';
  const [text, setText] = useState(urlQuery);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const inputRef = useRef<HTMLInputElement>(null);

  // Following the URL keeps the box in step with back/forward and with links to other searches.
  const [shownFor, setShownFor] = useState(urlQuery);
  if (shownFor !== urlQuery) {
    setShownFor(urlQuery);
    setText(urlQuery);
  }

  const trimmed = text.trim();
  const debounced = useDebouncedValue(trimmed, SUGGEST_DELAY_MS);
  const wanted = open && debounced.length >= MIN_SUGGEST_LENGTH && debounced === trimmed ? debounced : '';
  const suggestions = useQuery({
    queryKey: ['suggest', wanted],
    queryFn: ({ signal }) => suggest(wanted, signal),
    enabled: wanted !== '',
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const options = open && trimmed.length >= MIN_SUGGEST_LENGTH ? (suggestions.data ?? []) : [];
  const expanded = options.length > 0;

  // New suggestions start with none highlighted, so Enter searches for what was typed.
  const [activeFor, setActiveFor] = useState(suggestions.data);
  if (activeFor !== suggestions.data) {
    setActiveFor(suggestions.data);
    setActive(-1);
  }

  const search = (query: string) => {
    setOpen(false);
    const next = new URLSearchParams();
    if (query) next.set('q', query);
    void navigate(`/tim-kiem${next.size > 0 ? `?${next}` : ''}`);
  };

  const choose = (index: number) => {
    const option = options[index];
    if (!option) return;
    setOpen(false);
    inputRef.current?.blur();
    if (option.type === 'product') {
      // The box is for the next search, not a label of the product page.
      setText('');
      void navigate(`/san-pham/${encodeURIComponent(option.value)}`);
    } else {
      void navigate(`/tim-kiem?${new URLSearchParams({ [option.type]: option.value })}`);
    }
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (active >= 0) choose(active);
    else {
      search(trimmed);
      inputRef.current?.blur();
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      if (options.length > 0) setActive((current) => (current + 1) % options.length);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      if (options.length > 0) setActive((current) => (current <= 0 ? options.length - 1 : current - 1));
    } else if (event.key === 'Escape') {
      if (expanded) {
        event.preventDefault();
        setOpen(false);
      } else if (text) {
        event.preventDefault();
        setText('');
      }
    }
  };

  return (
    <form className="site-search" role="search" onSubmit={onSubmit} aria-label={t('search.formLabel')}>
      <label htmlFor={ids.input} className="visually-hidden">
        {t('search.label')}
      </label>
      <div className="site-search-row">
        <input
          ref={inputRef}
          id={ids.input}
          type="search"
          role="combobox"
          enterKeyHint="search"
          value={text}
          maxLength={MAX_QUERY_LENGTH}
          autoComplete="off"
          spellCheck={false}
          placeholder={t('search.placeholder')}
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={ids.list}
          aria-activedescendant={active >= 0 ? `${ids.list}-${active}` : undefined}
          aria-describedby={ids.status}
          onChange={(event) => {
            setText(event.target.value);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
        />
        <button type="submit" className="site-search-submit">
          <SearchIcon />
          <span className="visually-hidden">{t('search.submit')}</span>
        </button>
        <ul
          id={ids.list}
          role="listbox"
          className="suggestions"
          aria-label={t('search.suggestions')}
          hidden={!expanded}
        >
          {options.map((option, index) => (
            <li
              key={`${option.type}-${option.value}`}
              id={`${ids.list}-${index}`}
              role="option"
              aria-selected={index === active}
              className="suggestion"
              // Keeps the focus in the box, so the blur does not close the list before the click.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(index)}
            >
              <span>{option.label}</span>
              {option.type !== 'product' ? <span className="suggestion-kind">{kindLabel(t, option)}</span> : null}
            </li>
          ))}
        </ul>
      </div>
      <p id={ids.status} className="visually-hidden" aria-live="polite">
        {expanded ? tn('search.suggestionCount', options.length) : ''}
      </p>
    </form>
  );
}
