/** Test helpers for container, shell and application tests: inline pods and local requests. */
import { resolveLocalhost, respond } from '../containers';
import type { AppResponse, HttpRequest } from '../staticServer';
import type { SimPod } from '../types';
import { scenarioOf } from './scenario';

/** The pod `default/<name>` of an inline YAML scenario. */
export function podOf(yaml: string, name = 'p'): SimPod {
  const p = scenarioOf(yaml).cluster.podByKey.get(`default/${name}`);
  if (!p) throw new Error(`no pod ${name}`);
  return p;
}

/** A pod `p` whose spec body (containers, volumes, …) is given as YAML indented by two. */
export function podWithSpec(body: string): SimPod {
  return podOf(`apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n${body}`);
}

/** A GET of `/` from localhost; override any field. */
export function httpRequest(over: Partial<HttpRequest> = {}): HttpRequest {
  return {
    scheme: 'http',
    method: 'GET',
    host: 'localhost',
    path: '/',
    port: 80,
    clientIp: '127.0.0.1',
    clientPort: 43210,
    ...over,
  };
}

/** `curl localhost:PORT` from another container of the pod; null when refused. */
export function curlLocalhost(
  pod: SimPod,
  port: number,
  over: Partial<HttpRequest> = {},
): AppResponse | null {
  const l = resolveLocalhost(pod, port);
  if (!l) return null;
  return respond(pod, l, httpRequest({ port, host: `localhost:${port}`, ...over }));
}
