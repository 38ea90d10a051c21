import type { FastifyInstance } from 'fastify';

/** What the operational routes ask of the server. */
export type OpsRouteOptions = {
  /** Resolves when the store answers; rejects (or returns false) when it does not. */
  ready: () => Promise<boolean>;
  /** Shown on /healthz so an operator sees which mode is running (ecosystem.md item 2). */
  info: Readonly<Record<string, string | boolean>>;
  /** Dev mode only: wipes state back to a fresh default account. Absent → the route does not exist. */
  reset?: () => Promise<void>;
};

/**
 * `/healthz` (the process is live), `/readyz` (the store is reachable) and, in dev mode only, `POST /_iamd/reset`.
 * Outside dev mode `/_iamd/reset` is not a route: it falls through to the Query API like any other path.
 */
export function registerOpsRoutes(app: FastifyInstance, options: OpsRouteOptions): void {
  app.get('/healthz', async () => ({ status: 'ok', ...options.info }));
  app.get('/readyz', async (_request, reply) => {
    const ok = await options.ready().catch(() => false);
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ready' : 'unavailable' });
  });
  const { reset } = options;
  if (reset) {
    app.post('/_iamd/reset', async () => {
      await reset();
      return { status: 'reset' };
    });
  }
}
