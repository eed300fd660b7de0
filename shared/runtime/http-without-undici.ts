/** What a request sends: GET without a body by default. */
export interface PlainRequest {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Aborts the request (an `AbortError`, its cause a `TimeoutError`) when no answer has come by then. */
  timeoutMs?: number;
}

/** An answer: its status and its body as text. */
export interface PlainResponse {
  status: number;
  text: string;
}

export type HttpRequester = (url: string, request?: PlainRequest) => Promise<PlainResponse>;

/**
 * One HTTP or HTTPS request with Node's own http and https modules, which the AWS SDK has loaded
 * already in every function. Why not `fetch`: Node's is undici, and a fresh process's first `fetch`
 * loads it (~60 ms, against ~2 ms for a request made this way), which a function would pay on the cold
 * first request that reads its signing secret or asks Cognito for a user's groups. The modules are
 * taken with `process.getBuiltinModule`, not `import`: an ES module namespace of node:http reads every
 * export, and one of them loads undici all the same.
 */
export const requestWithoutUndici: HttpRequester = (url, request = {}) => {
  const target = new URL(url);
  const { request: send } =
    target.protocol === 'https:'
      ? process.getBuiltinModule('node:https')
      : process.getBuiltinModule('node:http');
  return new Promise((resolve, reject) => {
    const outgoing = send(
      target,
      {
        method: request.method ?? 'GET',
        headers: request.headers ?? {},
        ...(request.timeoutMs === undefined ? {} : { signal: AbortSignal.timeout(request.timeoutMs) }),
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
};
