/**
 * The few REST calls engine-forge makes, over plain fetch: a comment upsert and one file read do not
 * justify Octokit in the bundle. Base URL from GITHUB_API_URL so GitHub Enterprise Server works.
 */

export class GitHubApiError extends Error {
  /** HTTP status; 0 when no answer came (connection refused, timeout). */
  readonly status: number;
  constructor(method: string, url: string, status: number, detail: string) {
    const where = `GitHub API ${method} ${new URL(url).pathname}`;
    super(status === 0 ? `${where}: ${detail}` : `${where} answered ${status}${detail ? `: ${detail}` : ''}`);
    this.name = 'GitHubApiError';
    this.status = status;
  }
}

export interface GitHubApi {
  /** JSON request; throws GitHubApiError on a non-2xx answer. */
  request<T>(method: string, path: string, body?: unknown): Promise<T>;
  /** Every item of a list endpoint, following the Link header's rel="next" verbatim. */
  paginate<T>(path: string): Promise<T[]>;
  /** A file's raw bytes as text at a commit, or undefined when the commit has no such file. */
  readFile(owner: string, repo: string, path: string, ref: string): Promise<string | undefined>;
  /** A GraphQL query's `data`; throws GitHubApiError when the answer carries `errors` instead. */
  graphql<T>(query: string): Promise<T>;
}

export interface ApiOptions {
  token?: string;
  baseUrl?: string;
  /** GITHUB_GRAPHQL_URL; derived from baseUrl when absent (GHES serves REST at /api/v3, GraphQL at /api/graphql). */
  graphqlUrl?: string;
  fetch?: typeof fetch;
}

export function createGitHubApi(options: ApiOptions = {}): GitHubApi {
  const base = (options.baseUrl ?? 'https://api.github.com').replace(/\/+$/, '');
  const graphqlUrl = options.graphqlUrl ?? (/\/api\/v3$/.test(base) ? base.replace(/\/v3$/, '/graphql') : `${base}/graphql`);
  const doFetch = options.fetch ?? fetch;
  const headers = (accept: string): Record<string, string> => ({
    accept,
    'user-agent': 'engine-forge',
    'x-github-api-version': '2022-11-28',
    ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
  });

  async function send(method: string, url: string, accept: string, body?: unknown): Promise<Response> {
    try {
      return await doFetch(url, {
        method,
        headers: { ...headers(accept), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      // fetch says only "fetch failed"; the cause (ECONNREFUSED, a DNS failure, a timeout) is the news.
      const cause = (error as { cause?: unknown }).cause;
      throw new GitHubApiError(method, url, 0, `${(error as Error).message}${cause instanceof Error ? ` (${cause.message})` : ''}`);
    }
  }

  async function fail(method: string, url: string, response: Response): Promise<never> {
    let detail = '';
    try {
      const json = (await response.json()) as { message?: unknown };
      if (typeof json.message === 'string') detail = json.message;
    } catch {
      // not JSON: the status says enough
    }
    throw new GitHubApiError(method, url, response.status, detail);
  }

  const api: GitHubApi = {
    async request<T>(method: string, path: string, body?: unknown): Promise<T> {
      const url = `${base}${path}`;
      const response = await send(method, url, 'application/vnd.github+json', body);
      if (!response.ok) return fail(method, url, response);
      return (response.status === 204 ? undefined : await response.json()) as T;
    },

    async paginate<T>(path: string): Promise<T[]> {
      const items: T[] = [];
      let url: string | undefined = `${base}${path}`;
      // A bound on pages so a server that links back to itself cannot hang the plan.
      for (let page = 0; url !== undefined && page < 1000; page++) {
        const response: Response = await send('GET', url, 'application/vnd.github+json');
        if (!response.ok) return fail('GET', url, response);
        items.push(...((await response.json()) as T[]));
        url = nextLink(response.headers.get('link'));
        // The token goes with every request: never follow a link off the API's own origin.
        if (url !== undefined && new URL(url).origin !== new URL(base).origin) {
          throw new GitHubApiError('GET', url, 0, 'pagination link leaves the API origin');
        }
      }
      return items;
    },

    async readFile(owner, repo, path, ref) {
      const encoded = path.split('/').map(encodeURIComponent).join('/');
      const url = `${base}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/contents/${encoded}?ref=${encodeURIComponent(ref)}`;
      // The raw media type returns the bytes themselves, also for files over the 1 MB JSON limit.
      const response = await send('GET', url, 'application/vnd.github.raw+json');
      if (response.status === 404) {
        // 404 also answers a commit GitHub does not have (force-pushed away): that is no answer at all.
        const message = await response.text();
        if (/no commit found/i.test(message)) throw new GitHubApiError('GET', url, 404, `no commit ${ref} in ${owner}/${repo}`);
        return undefined;
      }
      if (!response.ok) return fail('GET', url, response);
      return response.text();
    },

    async graphql<T>(query: string): Promise<T> {
      const response = await send('POST', graphqlUrl, 'application/json', { query });
      if (!response.ok) return fail('POST', graphqlUrl, response);
      // GraphQL answers 200 also when the query failed; the errors list says why.
      const json = (await response.json()) as { data?: T | null; errors?: Array<{ message?: string }> };
      if (json.errors?.length || json.data == null) {
        const detail = json.errors?.map((e) => e.message).filter(Boolean).join('; ') || 'no data in the answer';
        throw new GitHubApiError('POST', graphqlUrl, response.status, `GraphQL: ${detail}`);
      }
      return json.data;
    },
  };
  return api;
}

/** The URL of rel="next" in a Link header, e.g. `<https://…?page=2>; rel="next", <…>; rel="last"`. */
export function nextLink(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?([^";]+)"?/.exec(part.trim());
    if (match && match[2]!.split(/\s+/).includes('next')) return match[1];
  }
  return undefined;
}
