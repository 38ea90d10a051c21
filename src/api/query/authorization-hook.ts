import {
  type AuthorizationIdentity,
  type AuthorizationInput,
  type Authorizer,
  createAuthorizer,
} from '../../authorization/index.ts';
import type { RequestContext } from '../../identity/index.ts';
import { ServiceData } from '../../service-data/index.ts';
import type { Clock } from '../../shared/index.ts';
import type { HandlerServices, QueryServices } from './action-handler.ts';
import type { QueryService } from './xml-encoder.ts';

/** The transport facts of one request that reach the request context. */
export interface TransportFacts {
  /** The socket's address (fastify's `request.ip`: forwarded headers only when a proxy is trusted). */
  readonly sourceIp: string | undefined;
  readonly secure: boolean;
}

/**
 * Query parameters as an AWS input for authorization: scalars by name, `X.member.N` lists as arrays and
 * `X.member.N.Field` lists of structures (Tags) as arrays of objects. Handlers still decode strictly themselves.
 */
export function inputOfParams(params: ReadonlyMap<string, string>): AuthorizationInput {
  const input: Record<string, unknown> = {};
  const lists = new Map<string, Map<number, unknown>>();
  for (const [name, value] of params) {
    const parts = name.split('.');
    if (parts.length === 1) {
      input[name] = value;
      continue;
    }
    if (parts[1] !== 'member' || parts.length < 3 || !/^\d{1,5}$/.test(parts[2]!)) continue;
    const items = lists.get(parts[0]!) ?? new Map<number, unknown>();
    lists.set(parts[0]!, items);
    const index = Number(parts[2]);
    if (parts.length === 3) items.set(index, value);
    else {
      const item = (items.get(index) as Record<string, string> | undefined) ?? {};
      item[parts.slice(3).join('.')] = value;
      items.set(index, item);
    }
  }
  for (const [name, items] of lists) input[name] = [...items].sort((a, b) => a[0] - b[0]).map(([, v]) => v);
  return input;
}

/**
 * Enforcement for the Query API: one authorizer per app. It needs the IAM and STS authorization data, whose load
 * starts when the API is registered; the first request waits for it. `check` throws AccessDenied in AWS's wording
 * when the caller may not call, and otherwise gives the handler its services (the simulator included).
 */
export class QueryAuthorization {
  readonly #ready: Promise<Ready>;
  #state: Ready | undefined;

  constructor(services: QueryServices & AuthorizationIdentity, clock: Clock) {
    this.#ready = ServiceData.load({ services: ['iam', 'sts'] }).then((catalog) => {
      const authorizer = createAuthorizer({ identity: services, clock, catalog });
      this.#state = { authorizer, services: { iam: services.iam, credentials: services.credentials, authorizer } };
      return this.#state;
    });
    // A failed load surfaces on the first request (as a 500), not as an unhandled rejection.
    this.#ready.catch(() => undefined);
  }

  /** Authorizes `service:Action` for the caller; throws the AccessDenied error on a denial. */
  async check(
    ctx: RequestContext,
    service: QueryService,
    action: string,
    params: ReadonlyMap<string, string>,
    transport: TransportFacts,
  ): Promise<HandlerServices> {
    const { authorizer, services } = this.#state ?? (await this.#ready);
    const result = await authorizer.authorize(ctx, {
      action: `${service}:${action}`,
      input: inputOfParams(params),
      secure: transport.secure,
      ...(transport.sourceIp !== undefined ? { sourceIp: transport.sourceIp } : {}),
    });
    if (!result.allowed) throw result.error;
    return services;
  }

  /** Stops the authorizer's change subscription. */
  close(): void {
    this.#state?.authorizer.close();
  }
}

/** The authorizer once built, and the services handlers get. */
type Ready = { readonly authorizer: Authorizer; readonly services: HandlerServices };
