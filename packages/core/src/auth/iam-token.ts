import type { TokenSource } from "../credential-types.js";
import { ApiError, CredentialsError, NetworkError, TimeoutError, ValidationError } from "../errors.js";
import { redactUrl } from "../redact.js";
import { validateBaseUrl } from "../endpoints.js";
import { parseVendorTime } from "../time.js";
import { isHeaderToken } from "./authenticator.js";

/**
 * A user name and password for an OpenStack Keystone v3 IAM (Open Telekom Cloud, Huawei Cloud), as in a
 * `clouds.yaml` `auth:` entry. Keystone needs the user's domain (`userDomainName` or `userDomainId`) unless the
 * user is given by id.
 */
export interface IamPasswordAuth {
  /** `https://iam.eu-de.otc.t-systems.com/v3` (a URL without `/v3` gets it appended). */
  authUrl: string;
  username?: string | undefined;
  userId?: string | undefined;
  /** A secret: never in an error, a log, `util.inspect` or JSON. */
  password: string;
  userDomainName?: string | undefined;
  userDomainId?: string | undefined;
  /** The token's scope: a project by id, or by name (with its domain by id or name when the IAM needs it). */
  projectId?: string | undefined;
  projectName?: string | undefined;
  projectDomainName?: string | undefined;
  projectDomainId?: string | undefined;
}

export interface IamTokenSourceOptions extends IamPasswordAuth {
  /** Default `globalThis.fetch`. */
  fetch?: ((input: Request) => Promise<Response>) | undefined;
  /** Milliseconds since the epoch; default `Date.now`. */
  clock?: (() => number) | undefined;
  /**
   * A token is renewed this long before its `expires_at` (default 5 minutes), or after half its lifetime when that
   * is shorter (a token valid for 4 minutes is not fetched again on every request).
   */
  renewBeforeMs?: number | undefined;
  /** Per request (default 30 s). */
  timeoutMs?: number | undefined;
}

/** A fresh token and when it expires, as the IAM answered. */
export interface IamToken {
  token: string;
  expiresAt: Date;
}

/**
 * The Keystone v3 password-authentication body (identity API v3, "Password authentication with scoped authorization"),
 * shaped as keystoneauth1's `identity/v3` Password plugin does: the user by id, else by name with its domain (id
 * before name); the scope a project by id, else by name with its domain (id before name); no scope without either.
 */
export function iamPasswordRequestBody(auth: IamPasswordAuth): string {
  const user: Record<string, unknown> =
    auth.userId !== undefined ? { id: auth.userId } : { name: auth.username };
  if (auth.userId === undefined) {
    if (auth.userDomainId !== undefined) user.domain = { id: auth.userDomainId };
    else if (auth.userDomainName !== undefined) user.domain = { name: auth.userDomainName };
  }
  user.password = auth.password;
  const project: Record<string, unknown> | undefined =
    auth.projectId !== undefined
      ? { id: auth.projectId }
      : auth.projectName !== undefined
        ? {
            name: auth.projectName,
            ...(auth.projectDomainId !== undefined
              ? { domain: { id: auth.projectDomainId } }
              : auth.projectDomainName !== undefined
                ? { domain: { name: auth.projectDomainName } }
                : {}),
          }
        : undefined;
  return JSON.stringify({
    auth: {
      identity: { methods: ["password"], password: { user } },
      ...(project === undefined ? {} : { scope: { project } }),
    },
  });
}

/** `{authUrl}/auth/tokens`, with `/v3` added when the URL does not end in it. */
export function iamTokensUrl(authUrl: string): string {
  const base = validateBaseUrl(authUrl, "auth.auth_url");
  return `${/\/v3$/.test(base) ? base : `${base}/v3`}/auth/tokens`;
}

/**
 * An IAM token source: obtains a token with `POST /v3/auth/tokens` (the token is the `X-Subject-Token` header, its
 * expiry `token.expires_at`), keeps it until `renewBeforeMs` (at most half its lifetime) before it expires, then obtains a new one. Callers at
 * the same time share one request; a failed request is not cached. Pass it as `credentials: { token: source }`.
 * The password is checked here and never appears in an error or in the source's inspection.
 */
export function createIamTokenSource(options: IamTokenSourceOptions): TokenSource & { current(): Promise<IamToken> } {
  const url = iamTokensUrl(options.authUrl);
  if (typeof options.password !== "string" || options.password === "") {
    throw new ValidationError("auth.password", "must be a non-empty string");
  }
  if (options.userId === undefined && (typeof options.username !== "string" || options.username === "")) {
    throw new ValidationError("auth.username", "is required (or auth.user_id)");
  }
  if (options.userId === undefined && options.userDomainName === undefined && options.userDomainId === undefined) {
    throw new ValidationError("auth.user_domain_name", "is required with a user name (or auth.user_domain_id, auth.domain_name)");
  }
  const body = iamPasswordRequestBody(options);
  const clock = options.clock ?? Date.now;
  const renewBeforeMs = options.renewBeforeMs ?? 5 * 60_000;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const fetchFn = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const who = options.userId ?? options.username!;
  let cached: { fresh: IamToken; renewAt: number } | undefined;
  let pending: Promise<IamToken> | undefined;

  const obtain = async (): Promise<{ fresh: IamToken; renewAt: number }> => {
    const started = clock();
    const request = new Request(url, {
      method: "POST",
      headers: { "content-type": "application/json;charset=utf8", accept: "application/json" },
      body,
      signal: AbortSignal.timeout(timeoutMs),
      // A 307/308 would be followed with the same body, the password, to whatever host it names: not followed, it
      // comes back as an error status below.
      redirect: "manual",
    });
    let response: Response;
    try {
      response = await fetchFn(request);
    } catch (error) {
      // The cause is kept (a DNS or TLS failure); the request, whose body holds the password, is not.
      if (request.signal.aborted) throw new TimeoutError(timeoutMs, { method: "POST", url, cause: error });
      throw new NetworkError("IAM token request failed", { method: "POST", url, cause: error });
    }
    if (response.status === 401 || response.status === 403) {
      await response.body?.cancel();
      throw new CredentialsError(`the IAM at ${redactUrl(url)} refused the password of user ${who} (HTTP ${response.status})`);
    }
    if (response.status !== 201 && response.status !== 200) {
      // The body is not read: an IAM (or a proxy) that echoes the request would echo the password.
      await response.body?.cancel().catch(() => undefined);
      throw new ApiError({ status: response.status, method: "POST", url });
    }
    const token = response.headers.get("x-subject-token");
    const data = (await response.json().catch(() => undefined)) as { token?: { expires_at?: unknown } } | undefined;
    if (request.signal.aborted) throw new TimeoutError(timeoutMs, { method: "POST", url });
    const expiresText = data?.token?.expires_at;
    const expiresAt = parseVendorTime(expiresText, undefined);
    // An answer the client cannot use is the IAM's failure (an ApiError, exit 3 in the CLI), naming what is missing.
    const missing = !isHeaderToken(token)
      ? "the IAM answered without a usable X-Subject-Token header"
      : expiresAt === undefined
        ? "the IAM answered without token.expires_at as a time with a zone"
        : undefined;
    if (!isHeaderToken(token) || expiresAt === undefined) throw new ApiError({ status: response.status, method: "POST", url, errorMessage: missing });
    const lifetime = Math.max(0, expiresAt.getTime() - started);
    return { fresh: { token, expiresAt }, renewAt: expiresAt.getTime() - Math.min(renewBeforeMs, lifetime / 2) };
  };

  const current = (): Promise<IamToken> => {
    if (cached !== undefined && clock() < cached.renewAt) return Promise.resolve(cached.fresh);
    pending ??= obtain().then(
      (answer) => {
        cached = answer;
        pending = undefined;
        return answer.fresh;
      },
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    );
    return pending;
  };
  const source = async () => (await current()).token;
  return Object.assign(source, { current });
}
