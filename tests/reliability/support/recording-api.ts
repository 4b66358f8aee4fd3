import { ApiClient, type ApiResponse } from '@tongxin/test-harness';

export interface Exchange {
  method: string;
  path: string;
  token?: string;
  status: number;
  requestId: string | null;
  contentType: string;
  /** The body as text (JSON re-serialised; binary bodies as latin1 so that nothing is lost). */
  text: string;
}

/** An ApiClient that keeps every exchange, so that responses can be searched afterwards. */
export class RecordingApi extends ApiClient {
  readonly exchanges: Exchange[] = [];

  override async request<T = any>(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; raw?: string | Buffer; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse<T>> {
    const r = await super.request<T>(method, path, options);
    this.exchanges.push({
      method,
      path,
      ...(options.token ? { token: options.token } : {}),
      status: r.status,
      requestId: r.headers.get('x-request-id'),
      contentType: r.headers.get('content-type') ?? '',
      text: typeof r.body === 'string' ? r.body : JSON.stringify(r.body),
    });
    return r;
  }

  /** Downloads a binary body (an xlsx export) and records it. */
  async download(path: string, token: string): Promise<{ status: number; body: Buffer; requestId: string | null }> {
    const res = await fetch(this.baseUrl + path, { headers: { authorization: `Bearer ${token}` } });
    const body = Buffer.from(await res.arrayBuffer());
    const requestId = res.headers.get('x-request-id');
    this.exchanges.push({
      method: 'GET',
      path,
      token,
      status: res.status,
      requestId,
      contentType: res.headers.get('content-type') ?? '',
      text: '',
    });
    return { status: res.status, body, requestId };
  }
}
