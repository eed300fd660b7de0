/**
 * What the Lambda bundles get for the global `Headers`, `Request` and `Response` (esbuild `inject`, set
 * in ./bundling-options.ts): the same classes for what Hono and its Lambda adapter do with them, built
 * on `Map`, `TextEncoder` and `ReadableStream`, which Node has loaded anyway.
 *
 * Why: Node's own are undici's, which Node loads the first time a process touches any of them. That
 * costs a fresh process ~40 ms (`node -e 'globalThis.Headers'` vs `node -e 0`), and every cold start
 * of a function paid it on its first request, since Hono's adapter builds a `Request` from the event.
 * The AWS SDK does not use them, so the functions no longer load undici at all.
 *
 * Where these do not cover a case (a `FormData` or `Blob` body, `formData()`), they hand it to Node's
 * classes, which then load: rarer paths cost the load, never a wrong answer.
 * tests/unit/fetch-without-undici.test.ts compares them with Node's case by case.
 */

type HeadersInput =
  | Headers
  | globalThis.Headers
  | Iterable<readonly [string, string]>
  | Record<string, string | readonly string[]>;

const tokenPattern = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const httpWhitespace = /^[\t\n\r ]+|[\t\n\r ]+$/g;

function headerName(name: string): string {
  const text = String(name);
  if (!tokenPattern.test(text)) throw new TypeError(`Invalid header name: "${text}"`);
  return text.toLowerCase();
}

function headerValue(value: string): string {
  const text = String(value).replace(httpWhitespace, '');
  if (/[\0\r\n]/.test(text)) throw new TypeError(`Invalid header value for a header`);
  return text;
}

export class Headers {
  /** Lower-case name → its values in the order they were appended. */
  readonly #values = new Map<string, string[]>();

  constructor(init?: HeadersInput | null) {
    if (init === undefined || init === null) return;
    if (typeof (init as Iterable<unknown>)[Symbol.iterator] === 'function') {
      for (const pair of init as Iterable<readonly string[]>) {
        if (pair.length !== 2) throw new TypeError('Each header pair must have exactly a name and a value');
        this.append(pair[0]!, pair[1]!);
      }
      return;
    }
    for (const [name, value] of Object.entries(init)) this.append(name, value as string);
  }

  append(name: string, value: string): void {
    const key = headerName(name);
    const normalized = headerValue(value);
    const existing = this.#values.get(key);
    if (existing) existing.push(normalized);
    else this.#values.set(key, [normalized]);
  }

  set(name: string, value: string): void {
    this.#values.set(headerName(name), [headerValue(value)]);
  }

  get(name: string): string | null {
    return this.#values.get(headerName(name))?.join(', ') ?? null;
  }

  has(name: string): boolean {
    return this.#values.has(headerName(name));
  }

  delete(name: string): void {
    this.#values.delete(headerName(name));
  }

  getSetCookie(): string[] {
    return [...(this.#values.get('set-cookie') ?? [])];
  }

  /** As the Fetch standard iterates: names sorted, values combined, each `set-cookie` on its own. */
  *entries(): Generator<[string, string]> {
    for (const name of [...this.#values.keys()].sort()) {
      const values = this.#values.get(name)!;
      if (name === 'set-cookie') for (const value of values) yield [name, value];
      else yield [name, values.join(', ')];
    }
  }

  *keys(): Generator<string> {
    for (const [name] of this.entries()) yield name;
  }

  *values(): Generator<string> {
    for (const [, value] of this.entries()) yield value;
  }

  forEach(callback: (value: string, name: string, headers: Headers) => void, thisArg?: unknown): void {
    for (const [name, value] of this.entries()) callback.call(thisArg, value, name, this);
  }

  [Symbol.iterator](): Generator<[string, string]> {
    return this.entries();
  }
}

/** What Node's own classes take as a body. */
type NodeBodyInit = ConstructorParameters<typeof globalThis.Response>[0];

type BodySource = Uint8Array | ReadableStream<Uint8Array> | null;

/** What a body init becomes here, or undefined where Node's classes must take it. */
function bodyOf(init: unknown): { source: BodySource; contentType?: string } | undefined {
  if (init === undefined || init === null) return { source: null };
  // hono/html answers String objects (its `raw` marks escaped HTML on one); they are text all the same.
  if (typeof init === 'string' || init instanceof String) {
    return { source: new TextEncoder().encode(String(init)), contentType: 'text/plain;charset=UTF-8' };
  }
  if (init instanceof ArrayBuffer) return { source: new Uint8Array(init.slice(0)) };
  if (ArrayBuffer.isView(init)) {
    return { source: new Uint8Array(init.buffer.slice(init.byteOffset, init.byteOffset + init.byteLength)) };
  }
  if (init instanceof ReadableStream) return { source: init as ReadableStream<Uint8Array> };
  if (init instanceof URLSearchParams) {
    return {
      source: new TextEncoder().encode(init.toString()),
      contentType: 'application/x-www-form-urlencoded;charset=UTF-8',
    };
  }
  return undefined;
}

function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      if (bytes.byteLength > 0) controller.enqueue(bytes);
      controller.close();
    },
  });
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    length += value.byteLength;
  }
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** The body half of Request and Response: read once, as bytes, text, JSON or a stream. */
abstract class Body {
  #source: BodySource = null;
  #used = false;

  protected abstract get contentType(): string | null;

  protected setBody(source: BodySource): void {
    this.#source = source;
  }

  get body(): ReadableStream<Uint8Array> | null {
    if (this.#source instanceof Uint8Array) this.#source = streamOf(this.#source);
    return this.#source;
  }

  get bodyUsed(): boolean {
    if (this.#used) return true;
    const source = this.#source;
    // Checked in this order so that a bytes body never touches ReadableStream (loaded on first use).
    return source !== null && !(source instanceof Uint8Array) && source.locked;
  }

  protected async consume(): Promise<Uint8Array> {
    const source = this.#source;
    // A null body can be read any number of times, and is never "used".
    if (source === null) return new Uint8Array(0);
    if (this.bodyUsed) throw new TypeError('Body is unusable: Body has already been read');
    this.#used = true;
    return source instanceof Uint8Array ? source : readAll(source);
  }

  /** Two bodies with the same content, for clone(): a stream is teed, as Node does. */
  protected cloneSource(): BodySource {
    if (this.bodyUsed) throw new TypeError('Response.clone: Body has already been consumed.');
    const source = this.#source;
    if (!(source instanceof ReadableStream)) return source;
    const [mine, theirs] = source.tee();
    this.#source = mine;
    return theirs;
  }

  async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    const bytes = await this.consume();
    return new Uint8Array(bytes) as Uint8Array<ArrayBuffer>;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    return (await this.bytes()).buffer;
  }

  async text(): Promise<string> {
    return new TextDecoder().decode(await this.consume());
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  async blob(): Promise<Blob> {
    return new Blob([await this.bytes()], { type: this.contentType ?? '' });
  }

  /** Multipart parsing is undici's: the body goes to Node's Response to be read. */
  async formData(): Promise<FormData> {
    const bytes = await this.consume();
    const headers = this.contentType ? { 'content-type': this.contentType } : undefined;
    return new globalThis.Response(bytes as Uint8Array<ArrayBuffer>, { headers }).formData();
  }
}

const nullBodyStatuses = new Set([101, 103, 204, 205, 304]);
const redirectStatuses = new Set([301, 302, 303, 307, 308]);

interface ResponseInitLike {
  status?: number;
  statusText?: string;
  headers?: HeadersInput;
}

export class Response extends Body {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  readonly type = 'default' as const;
  readonly url: string = '';
  readonly redirected: boolean = false;

  constructor(body?: unknown, init: ResponseInitLike = {}) {
    super();
    const status = init.status ?? 200;
    if (!Number.isInteger(status) || status < 200 || status > 599) {
      throw new RangeError(`init["status"] must be in the range of 200 to 599, inclusive.`);
    }
    this.status = status;
    this.statusText = init.statusText ?? '';
    this.headers = new Headers(init.headers);
    const converted = bodyOf(body);
    if (converted === undefined) {
      // A body only Node's classes take (FormData, Blob): theirs extracts it, ours keeps the result.
      const node = new globalThis.Response(body as NodeBodyInit, { status: 200 });
      const type = node.headers.get('content-type');
      if (type !== null && !this.headers.has('content-type')) this.headers.set('content-type', type);
      this.setBody(node.body);
    } else {
      if (converted.source !== null && nullBodyStatuses.has(status)) {
        throw new TypeError(`Response constructor: Invalid response status code ${status}`);
      }
      if (converted.contentType && !this.headers.has('content-type')) {
        this.headers.set('content-type', converted.contentType);
      }
      this.setBody(converted.source);
    }
  }

  protected get contentType(): string | null {
    return this.headers.get('content-type');
  }

  get ok(): boolean {
    return this.status >= 200 && this.status <= 299;
  }

  clone(): Response {
    const copy = new Response(null, {
      status: this.status,
      statusText: this.statusText,
      headers: this.headers,
    });
    copy.setBody(this.cloneSource());
    return copy;
  }

  static json(data: unknown, init: ResponseInitLike = {}): Response {
    const headers = new Headers(init.headers);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    return new Response(JSON.stringify(data), { ...init, headers });
  }

  static redirect(url: string | URL, status = 302): Response {
    if (!redirectStatuses.has(status)) throw new RangeError(`Invalid status code ${status}`);
    return new Response(null, { status, headers: { location: new URL(String(url)).href } });
  }
}

interface RequestInitLike {
  method?: string;
  headers?: HeadersInput;
  body?: unknown;
  signal?: AbortSignal | null;
}

/** Methods the Fetch standard upper-cases (`patch` is not one of them). */
const normalizedMethods = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);

export class Request extends Body {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly signal: AbortSignal;

  constructor(input: string | URL | Request, init: RequestInitLike = {}) {
    super();
    const from = input instanceof Request ? input : undefined;
    this.url = from ? from.url : new URL(String(input)).href;
    const method = init.method ?? from?.method ?? 'GET';
    if (!tokenPattern.test(method)) throw new TypeError(`'${method}' is not a valid HTTP method.`);
    this.method = normalizedMethods.has(method.toUpperCase()) ? method.toUpperCase() : method;
    this.headers = new Headers(init.headers ?? from?.headers);
    this.signal = init.signal ?? from?.signal ?? new AbortController().signal;
    const body = init.body !== undefined ? init.body : from ? from.cloneSource() : null;
    if (body !== null && body !== undefined && (this.method === 'GET' || this.method === 'HEAD')) {
      throw new TypeError('Request with GET/HEAD method cannot have body.');
    }
    const converted = bodyOf(body);
    if (converted === undefined) {
      const node = new globalThis.Request(this.url, { method: this.method, body: body as NodeBodyInit });
      const type = node.headers.get('content-type');
      if (type !== null && !this.headers.has('content-type')) this.headers.set('content-type', type);
      this.setBody(node.body);
    } else {
      if (converted.contentType && !this.headers.has('content-type')) {
        this.headers.set('content-type', converted.contentType);
      }
      this.setBody(converted.source);
    }
  }

  protected get contentType(): string | null {
    return this.headers.get('content-type');
  }

  clone(): Request {
    return new Request(this);
  }
}
