import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for a Meilisearch server (v1.x HTTP API), because the real engine cannot be installed
 * on the machines these tests run on. It implements only what MeilisearchSearchEngine calls,
 * following the documented behaviour of the real engine as closely as a page of code can:
 *
 * - indexes: create, get, delete, swap; settings: get, update; documents: add or replace, delete by
 *   ids, delete all; stats; tasks (every write is applied at once and reported as succeeded).
 * - search: words split on non-alphanumerics, case and diacritics ignored; the last word is a prefix
 *   unless the query ends with a space; typos by `typoTolerance.minWordSizeForTypos` (one typo from
 *   5 letters, two from 9, swapping two letters is one typo, a typo on the first letter counts as
 *   two); `matchingStrategy: "all"` only; ranking rules words, typo, proximity, attribute (attribute
 *   order, then position), exactness, and sort wherever it appears in `rankingRules`; filters in the
 *   array form with `=`, `!=`, `>`, `>=`, `<`, `<=`; facet distributions; `page`/`hitsPerPage`
 *   and `offset`/`limit` pagination capped by `pagination.maxTotalHits`.
 *
 * It is not Meilisearch: real relevance has more nuance (proximity across attributes, prefix typos,
 * the `frequency` strategy). The real engine can be tested with MEILI_URL (see the README).
 */

type Document = Record<string, unknown>;

interface Settings {
  searchableAttributes: string[];
  filterableAttributes: string[];
  sortableAttributes: string[];
  rankingRules: string[];
  typoTolerance: { enabled: boolean; minWordSizeForTypos: { oneTypo: number; twoTypos: number } };
  pagination: { maxTotalHits: number };
  faceting: { maxValuesPerFacet: number };
  displayedAttributes: string[];
}

interface IndexState {
  uid: string;
  primaryKey: string | null;
  createdAt: string;
  updatedAt: string;
  settings: Settings;
  documents: Map<string, Document>;
}

interface Task {
  uid: number;
  indexUid: string | null;
  status: 'succeeded' | 'failed';
  type: string;
  details: Record<string, unknown>;
  error: { message: string; code: string; type: string; link: string } | null;
  duration: string;
  enqueuedAt: string;
  startedAt: string;
  finishedAt: string;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function defaultSettings(): Settings {
  return {
    searchableAttributes: ['*'],
    filterableAttributes: [],
    sortableAttributes: [],
    rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'],
    typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
    pagination: { maxTotalHits: 1000 },
    faceting: { maxValuesPerFacet: 100 },
    displayedAttributes: ['*'],
  };
}

function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}

function tokens(text: string): string[] {
  return normalise(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token.length > 0);
}

/** Optimal string alignment distance (a swap of two adjacent letters is one edit). */
function distance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

interface TermMatch {
  typos: number;
  attribute: number;
  position: number;
  exact: boolean;
}

function matchTerm(
  term: string,
  isPrefix: boolean,
  words: { word: string; attribute: number; position: number }[],
  settings: Settings,
): TermMatch | null {
  const { oneTypo, twoTypos } = settings.typoTolerance.minWordSizeForTypos;
  const allowed = !settings.typoTolerance.enabled ? 0 : term.length >= twoTypos ? 2 : term.length >= oneTypo ? 1 : 0;
  let best: TermMatch | null = null;
  for (const { word, attribute, position } of words) {
    let typos: number | null = null;
    let exact = false;
    if (word === term) {
      typos = 0;
      exact = true;
    } else if (isPrefix && word.startsWith(term)) {
      typos = 0;
    } else if (allowed > 0) {
      const edits = distance(term, word);
      const cost = edits + (edits > 0 && term[0] !== word[0] ? 1 : 0);
      if (cost <= allowed) typos = cost;
    }
    if (typos === null) continue;
    const candidate = { typos, attribute, position, exact };
    if (
      !best ||
      candidate.typos < best.typos ||
      (candidate.typos === best.typos &&
        (candidate.attribute < best.attribute ||
          (candidate.attribute === best.attribute && candidate.position < best.position)))
    ) {
      best = candidate;
    }
  }
  return best;
}

function fieldValues(document: Document, attribute: string): unknown[] {
  const value = document[attribute];
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function compareValues(left: unknown, right: unknown): number {
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  return String(left).localeCompare(String(right));
}

/** One condition of the array filter syntax: `attribute OP value`. */
function condition(expression: string, settings: Settings): (document: Document) => boolean {
  const match = /^\s*([A-Za-z0-9_.]+)\s*(=|!=|>=|<=|>|<)\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|(\S+))\s*$/.exec(
    expression,
  );
  if (!match) throw new ApiError(400, 'invalid_search_filter', `Stub cannot parse filter \`${expression}\``);
  const [, attribute, operator, doubleQuoted, singleQuoted, bare] = match;
  if (!settings.filterableAttributes.includes(attribute!)) {
    throw new ApiError(400, 'invalid_search_filter', `Attribute \`${attribute}\` is not filterable.`);
  }
  const raw = doubleQuoted ?? singleQuoted ?? (bare as string);
  const text = raw.replace(/\\(.)/g, '$1');
  const number =
    doubleQuoted === undefined && singleQuoted === undefined && /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : null;
  return (document) => {
    const values = fieldValues(document, attribute!);
    const test = (value: unknown) => {
      if (operator === '=' || operator === '!=') {
        const equal =
          typeof value === 'number'
            ? number !== null && value === number
            : normalise(String(value)) === normalise(text);
        return operator === '=' ? equal : !equal;
      }
      if (typeof value !== 'number' || number === null) return false;
      if (operator === '>') return value > number;
      if (operator === '>=') return value >= number;
      if (operator === '<') return value < number;
      return value <= number;
    };
    return operator === '!=' ? values.every(test) : values.some(test);
  };
}

function compileFilter(filter: unknown, settings: Settings): (document: Document) => boolean {
  if (filter === undefined || filter === null) return () => true;
  if (typeof filter === 'string') {
    if (/\b(AND|OR|NOT|IN|TO|EXISTS)\b|[()[\]]/.test(filter)) {
      throw new ApiError(400, 'invalid_search_filter', 'The stub only supports the array form of filters');
    }
    return condition(filter, settings);
  }
  if (!Array.isArray(filter)) throw new ApiError(400, 'invalid_search_filter', 'filter must be a string or an array');
  const all = filter.map((part) => {
    if (Array.isArray(part)) {
      const any = part.map((inner) => condition(String(inner), settings));
      return (document: Document) => any.some((test) => test(document));
    }
    return condition(String(part), settings);
  });
  return (document) => all.every((test) => test(document));
}

interface SearchBody {
  q?: unknown;
  matchingStrategy?: string;
  attributesToSearchOn?: string[];
  attributesToRetrieve?: string[];
  sort?: string[];
  facets?: string[];
  filter?: unknown;
  page?: number;
  hitsPerPage?: number;
  offset?: number;
  limit?: number;
}

function searchIndex(index: IndexState, body: SearchBody): Record<string, unknown> {
  const started = Date.now();
  const settings = index.settings;
  const documents = [...index.documents.values()];
  const rawQuery = typeof body.q === 'string' ? body.q : '';
  const terms = tokens(rawQuery);
  const lastIsPrefix = rawQuery.length > 0 && !/\s$/.test(rawQuery);
  if (body.matchingStrategy && body.matchingStrategy !== 'all') {
    throw new ApiError(400, 'invalid_search_matching_strategy', 'The stub implements matchingStrategy "all" only');
  }
  const searchable =
    settings.searchableAttributes[0] === '*'
      ? [...new Set(documents.flatMap((document) => Object.keys(document)))].filter((key) => key !== index.primaryKey)
      : settings.searchableAttributes;
  const attributes: string[] = body.attributesToSearchOn ?? searchable;
  for (const attribute of attributes) {
    if (!searchable.includes(attribute))
      throw new ApiError(
        400,
        'invalid_search_attributes_to_search_on',
        `Attribute \`${attribute}\` is not searchable.`,
      );
  }
  const sort: string[] = body.sort ?? [];
  for (const rule of sort) {
    const [attribute] = rule.split(':');
    if (!settings.sortableAttributes.includes(attribute!))
      throw new ApiError(400, 'invalid_search_sort', `Attribute \`${attribute}\` is not sortable.`);
  }
  const facets: string[] = body.facets ?? [];
  for (const facet of facets) {
    if (!settings.filterableAttributes.includes(facet))
      throw new ApiError(400, 'invalid_search_facets', `Attribute \`${facet}\` is not filterable.`);
  }
  const filter = compileFilter(body.filter, settings);

  interface Candidate {
    document: Document;
    order: number;
    matches: TermMatch[];
  }
  const candidates: Candidate[] = [];
  documents.forEach((document, order) => {
    if (!filter(document)) return;
    if (terms.length === 0) {
      candidates.push({ document, order, matches: [] });
      return;
    }
    const words = attributes.flatMap((attribute) => {
      const rank = searchable.indexOf(attribute);
      return fieldValues(document, attribute).flatMap((value) =>
        tokens(String(value)).map((word, position) => ({ word, attribute: rank, position })),
      );
    });
    const matches: TermMatch[] = [];
    for (const [i, term] of terms.entries()) {
      const found = matchTerm(term, lastIsPrefix && i === terms.length - 1, words, settings);
      if (!found) return;
      matches.push(found);
    }
    candidates.push({ document, order, matches });
  });

  const sortBy = (a: Candidate, b: Candidate) => {
    for (const rule of sort) {
      const [attribute, direction] = rule.split(':');
      const left = a.document[attribute!];
      const right = b.document[attribute!];
      // Documents without the field come last, whatever the direction.
      if (left === undefined || left === null || right === undefined || right === null) {
        if (left === right) continue;
        return left === undefined || left === null ? 1 : -1;
      }
      const compared = compareValues(left, right) * (direction === 'desc' ? -1 : 1);
      if (compared !== 0) return compared;
    }
    return 0;
  };
  const proximity = (matches: TermMatch[]) => {
    let total = 0;
    for (let i = 1; i < matches.length; i += 1) {
      const previous = matches[i - 1]!;
      const current = matches[i]!;
      total +=
        previous.attribute !== current.attribute ? 8 : Math.min(8, Math.abs(current.position - previous.position - 1));
    }
    return total;
  };
  const rules: Record<string, (a: Candidate, b: Candidate) => number> = {
    words: () => 0,
    typo: (a, b) => a.matches.reduce((sum, m) => sum + m.typos, 0) - b.matches.reduce((sum, m) => sum + m.typos, 0),
    proximity: (a, b) => proximity(a.matches) - proximity(b.matches),
    attribute: (a, b) => {
      const rank = (matches: TermMatch[]) => (matches.length ? Math.min(...matches.map((m) => m.attribute)) : 0);
      const position = (matches: TermMatch[]) => (matches.length ? Math.min(...matches.map((m) => m.position)) : 0);
      return rank(a.matches) - rank(b.matches) || position(a.matches) - position(b.matches);
    },
    sort: sortBy,
    exactness: (a, b) => b.matches.filter((m) => m.exact).length - a.matches.filter((m) => m.exact).length,
  };
  candidates.sort((a, b) => {
    for (const rule of settings.rankingRules) {
      const compared = rules[rule]?.(a, b) ?? 0;
      if (compared !== 0) return compared;
    }
    return a.order - b.order;
  });

  const facetDistribution: Record<string, Record<string, number>> = {};
  for (const facet of facets) {
    const counts = new Map<string, number>();
    for (const { document } of candidates) {
      for (const value of new Set(fieldValues(document, facet).map(String)))
        counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    facetDistribution[facet] = Object.fromEntries(
      [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).slice(0, settings.faceting.maxValuesPerFacet),
    );
  }

  const retrieve: string[] | null =
    body.attributesToRetrieve && !body.attributesToRetrieve.includes('*') ? body.attributesToRetrieve : null;
  const shown = (document: Document) =>
    retrieve
      ? Object.fromEntries(retrieve.filter((key) => key in document).map((key) => [key, document[key]]))
      : { ...document };
  const reachable = candidates.slice(0, settings.pagination.maxTotalHits);
  const response: Record<string, unknown> = { query: rawQuery, processingTimeMs: Date.now() - started };
  if (body.page !== undefined || body.hitsPerPage !== undefined) {
    const page = Number(body.page ?? 1);
    const hitsPerPage = Number(body.hitsPerPage ?? 20);
    Object.assign(response, {
      hits: reachable.slice((page - 1) * hitsPerPage, page * hitsPerPage).map((c) => shown(c.document)),
      page,
      hitsPerPage,
      totalHits: reachable.length,
      totalPages: hitsPerPage > 0 ? Math.ceil(reachable.length / hitsPerPage) : 0,
    });
  } else {
    const offset = Number(body.offset ?? 0);
    const limit = Number(body.limit ?? 20);
    Object.assign(response, {
      hits: reachable.slice(offset, offset + limit).map((c) => shown(c.document)),
      offset,
      limit,
      estimatedTotalHits: reachable.length,
    });
  }
  if (facets.length > 0) response.facetDistribution = facetDistribution;
  return response;
}

export interface MeilisearchStub {
  url: string;
  apiKey: string;
  /** Method and path of every request, for tests that check what the adapter calls. */
  requests: string[];
  close(): Promise<void>;
}

export async function startMeilisearchStub(options: { apiKey?: string } = {}): Promise<MeilisearchStub> {
  const apiKey = options.apiKey ?? 'stub-master-key';
  const indexes = new Map<string, IndexState>();
  const tasks = new Map<number, Task>();
  const requests: string[] = [];
  let nextTask = 0;

  const now = () => new Date().toISOString();
  const requireIndex = (uid: string) => {
    const index = indexes.get(uid);
    if (!index) throw new ApiError(404, 'index_not_found', `Index \`${uid}\` not found.`);
    return index;
  };
  const createIndex = (uid: string, primaryKey: string | null) => {
    const index: IndexState = {
      uid,
      primaryKey,
      createdAt: now(),
      updatedAt: now(),
      settings: defaultSettings(),
      documents: new Map(),
    };
    indexes.set(uid, index);
    return index;
  };
  const indexObject = (index: IndexState) => ({
    uid: index.uid,
    primaryKey: index.primaryKey,
    createdAt: index.createdAt,
    updatedAt: index.updatedAt,
  });

  /** Applies a write at once and records it as a finished task, as if the queue were instantaneous. */
  const enqueue = (indexUid: string | null, type: string, apply: () => Record<string, unknown>) => {
    const uid = nextTask++;
    const at = now();
    let status: Task['status'] = 'succeeded';
    let error: Task['error'] = null;
    let details: Record<string, unknown> = {};
    try {
      details = apply();
    } catch (caught) {
      if (!(caught instanceof ApiError)) throw caught;
      status = 'failed';
      error = {
        message: caught.message,
        code: caught.code,
        type: 'invalid_request',
        link: `https://docs.meilisearch.com/errors#${caught.code}`,
      };
    }
    tasks.set(uid, {
      uid,
      indexUid,
      status,
      type,
      details,
      error,
      duration: 'PT0S',
      enqueuedAt: at,
      startedAt: at,
      finishedAt: at,
    });
    return { status: 202, body: { taskUid: uid, indexUid, status: 'enqueued', type, enqueuedAt: at } };
  };

  const addDocuments = (uid: string, documents: Document[], primaryKeyParam: string | null, replace: boolean) =>
    enqueue(uid, 'documentAdditionOrUpdate', () => {
      const index = indexes.get(uid) ?? createIndex(uid, primaryKeyParam);
      index.primaryKey ??= primaryKeyParam ?? Object.keys(documents[0] ?? {}).find((key) => /id$/i.test(key)) ?? null;
      const key = index.primaryKey;
      if (!key) throw new ApiError(400, 'index_primary_key_no_candidate_found', 'No primary key');
      for (const document of documents) {
        const id = document[key];
        if (typeof id !== 'string' && typeof id !== 'number')
          throw new ApiError(400, 'missing_document_id', `Document doesn't have a \`${key}\` attribute`);
        const previous = index.documents.get(String(id));
        index.documents.set(String(id), replace || !previous ? document : { ...previous, ...document });
      }
      index.updatedAt = now();
      return { receivedDocuments: documents.length, indexedDocuments: documents.length };
    });

  async function route(
    method: string,
    path: string,
    query: URLSearchParams,
    body: unknown,
  ): Promise<{ status: number; body: unknown }> {
    const parts = path.split('/').filter(Boolean);
    if (method === 'GET' && path === '/health') return { status: 200, body: { status: 'available' } };
    if (method === 'GET' && path === '/version') return { status: 200, body: { pkgVersion: 'stub' } };
    if (parts[0] === 'tasks' && parts.length === 2 && method === 'GET') {
      const task = tasks.get(Number(parts[1]));
      if (!task) throw new ApiError(404, 'task_not_found', `Task \`${parts[1]}\` not found.`);
      return { status: 200, body: task };
    }
    if (method === 'POST' && path === '/swap-indexes') {
      return enqueue(null, 'indexSwap', () => {
        for (const swap of body as { indexes: [string, string]; rename?: boolean }[]) {
          if (swap.rename !== undefined)
            throw new ApiError(400, 'bad_request', 'Unknown field `rename`: the stub mimics Meilisearch 1.15');
          const [a, b] = swap.indexes;
          const left = requireIndex(a);
          const right = requireIndex(b);
          indexes.set(a, { ...right, uid: a });
          indexes.set(b, { ...left, uid: b });
        }
        return { swaps: body };
      });
    }
    if (parts[0] !== 'indexes') throw new ApiError(404, 'not_found', `Stub has no route ${method} ${path}`);
    if (parts.length === 1) {
      if (method === 'POST') {
        const { uid, primaryKey } = body as { uid: string; primaryKey?: string };
        return enqueue(uid, 'indexCreation', () => {
          if (indexes.has(uid)) throw new ApiError(409, 'index_already_exists', `Index \`${uid}\` already exists.`);
          createIndex(uid, primaryKey ?? null);
          return { primaryKey: primaryKey ?? null };
        });
      }
      if (method === 'GET') {
        const results = [...indexes.values()].map(indexObject);
        return { status: 200, body: { results, offset: 0, limit: 20, total: results.length } };
      }
    }
    const uid = parts[1]!;
    const rest = parts.slice(2).join('/');
    if (rest === '' && method === 'GET') return { status: 200, body: indexObject(requireIndex(uid)) };
    if (rest === '' && method === 'DELETE') {
      return enqueue(uid, 'indexDeletion', () => {
        requireIndex(uid);
        indexes.delete(uid);
        return { deletedDocuments: 0 };
      });
    }
    if (rest === 'settings' && method === 'GET') return { status: 200, body: requireIndex(uid).settings };
    if (rest === 'settings' && method === 'PATCH') {
      return enqueue(uid, 'settingsUpdate', () => {
        const index = indexes.get(uid) ?? createIndex(uid, null);
        const update = body as Partial<Settings>;
        index.settings = {
          ...index.settings,
          ...update,
          typoTolerance: {
            ...index.settings.typoTolerance,
            ...update.typoTolerance,
            minWordSizeForTypos: {
              ...index.settings.typoTolerance.minWordSizeForTypos,
              ...update.typoTolerance?.minWordSizeForTypos,
            },
          },
          pagination: { ...index.settings.pagination, ...update.pagination },
          faceting: { ...index.settings.faceting, ...update.faceting },
        };
        return update as Record<string, unknown>;
      });
    }
    if (rest === 'stats' && method === 'GET') {
      const index = requireIndex(uid);
      return {
        status: 200,
        body: { numberOfDocuments: index.documents.size, isIndexing: false, fieldDistribution: {} },
      };
    }
    if (rest === 'documents' && (method === 'POST' || method === 'PUT')) {
      return addDocuments(uid, body as Document[], query.get('primaryKey'), method === 'POST');
    }
    if (rest === 'documents' && method === 'DELETE') {
      return enqueue(uid, 'documentDeletion', () => {
        const index = requireIndex(uid);
        const deleted = index.documents.size;
        index.documents.clear();
        return { deletedDocuments: deleted };
      });
    }
    if (rest === 'documents/delete-batch' && method === 'POST') {
      return enqueue(uid, 'documentDeletion', () => {
        const index = requireIndex(uid);
        let deleted = 0;
        for (const id of body as (string | number)[]) if (index.documents.delete(String(id))) deleted += 1;
        return { providedIds: (body as unknown[]).length, deletedDocuments: deleted };
      });
    }
    if (rest === 'search' && method === 'POST')
      return { status: 200, body: searchIndex(requireIndex(uid), (body ?? {}) as SearchBody) };
    throw new ApiError(404, 'not_found', `Stub has no route ${method} ${path}`);
  }

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://stub');
      requests.push(`${request.method} ${url.pathname}`);
      const send = (status: number, payload: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(payload));
      };
      const fail = (error: ApiError) =>
        send(error.status, {
          message: error.message,
          code: error.code,
          type: 'invalid_request',
          link: `https://docs.meilisearch.com/errors#${error.code}`,
        });
      if (request.headers.authorization !== `Bearer ${apiKey}`) {
        fail(
          new ApiError(
            request.headers.authorization ? 403 : 401,
            request.headers.authorization ? 'invalid_api_key' : 'missing_authorization_header',
            'Authorization failed',
          ),
        );
        return;
      }
      let body: unknown;
      try {
        body = chunks.length > 0 ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
      } catch {
        fail(new ApiError(400, 'malformed_payload', 'The JSON payload is invalid'));
        return;
      }
      route(request.method ?? 'GET', url.pathname, url.searchParams, body)
        .then((result) => send(result.status, result.body))
        .catch((error: unknown) => {
          if (error instanceof ApiError) fail(error);
          else send(500, { message: String(error), code: 'internal', type: 'internal', link: '' });
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
