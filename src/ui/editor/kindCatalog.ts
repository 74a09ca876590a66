/**
 * The kinds the editor offers, from the model's own list: the simulated kinds (with schemas for
 * field completion) first, then the ones the playground keeps without simulating.
 */
import { KEPT_KINDS, SIMULATED_KINDS } from '../../model/kinds';
import type { KindInfo } from '../../model/kinds';

export interface KindName {
  readonly kind: string;
  readonly apiVersion: string;
  /** Simulated, and what a networking scenario is made of. */
  readonly isCommon: boolean;
}

const RARE = new Set(['Endpoints', 'EndpointSlice', 'ReplicaSet', 'IngressClass']);

export const KIND_NAMES: readonly KindName[] = [
  ...SIMULATED_KINDS.map((k) => ({
    kind: k.kind,
    apiVersion: k.apiVersion,
    isCommon: !RARE.has(k.kind),
  })),
  ...Object.entries(KEPT_KINDS).flatMap(([apiVersion, kinds]) =>
    Object.keys(kinds)
      .filter((kind) => !SIMULATED_KINDS.some((k) => k.kind === kind))
      .map((kind) => ({ kind, apiVersion, isCommon: false })),
  ),
];

/** The simulated kind called `kind` (with its schema), if there is one. */
export function findKindInfo(kind: string | null): KindInfo | undefined {
  return kind === null ? undefined : SIMULATED_KINDS.find((k) => k.kind === kind);
}

/** Every apiVersion that serves `kind` (`HorizontalPodAutoscaler`: autoscaling/v1 and v2). */
export function kindApiVersions(kind: string): string[] {
  return KIND_NAMES.filter((k) => k.kind === kind).map((k) => k.apiVersion);
}
