/** A small HTTP client for tests: JSON in, status, headers and parsed body out. */
export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export class ApiClient {
  /**
   * @param patient when true, a 429 or 503 answer is retried after its Retry-After (at most 60 s
   *   each, 10 times), as a well-behaved bulk client such as the seed does.
   */
  constructor(
    readonly baseUrl: string,
    private readonly patient = false,
  ) {}

  async request<T = any>(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; raw?: string | Buffer; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | Buffer | undefined;
    if (options.raw !== undefined) body = options.raw;
    else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    let res = await fetch(this.baseUrl + path, { method, headers, ...(body !== undefined ? { body } : {}) });
    for (let attempt = 0; this.patient && (res.status === 429 || res.status === 503) && attempt < 10; attempt++) {
      const wait = Math.min(60, Number(res.headers.get('retry-after') ?? 1) || 1);
      await res.arrayBuffer();
      await new Promise((r) => setTimeout(r, wait * 1000));
      res = await fetch(this.baseUrl + path, { method, headers, ...(body !== undefined ? { body } : {}) });
    }
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
    return { status: res.status, headers: res.headers, body: parsed as T };
  }

  get = <T = any>(path: string, token?: string) => this.request<T>('GET', path, token ? { token } : {});
  post = <T = any>(path: string, body: unknown, token?: string, headers?: Record<string, string>) =>
    this.request<T>('POST', path, { body, ...(token ? { token } : {}), ...(headers ? { headers } : {}) });
  patch = <T = any>(path: string, body: unknown, token?: string) =>
    this.request<T>('PATCH', path, { body, ...(token ? { token } : {}) });

  /** A GET whose answer is a file (an xlsx export): its bytes, with the status and headers. */
  async download(path: string, token?: string): Promise<ApiResponse<Buffer>> {
    const res = await fetch(this.baseUrl + path, token ? { headers: { authorization: `Bearer ${token}` } } : {});
    return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
  }
}
