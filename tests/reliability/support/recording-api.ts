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
  override async download(path: string, token?: string): Promise<ApiResponse<Buffer>> {
    const r = await super.download(path, token);
    this.exchanges.push({
      method: 'GET',
      path,
      ...(token ? { token } : {}),
      status: r.status,
      requestId: r.headers.get('x-request-id'),
      contentType: r.headers.get('content-type') ?? '',
      text: '',
    });
    return r;
  }
}
