/**
 * What the Inspector shows, as plain data: sections of labelled rows, lists and label chips,
 * built from the simulation view by pure functions (tested without React) and drawn by one
 * small component.
 */

export type Tone = 'ok' | 'warn' | 'bad' | 'muted';

export interface InspectorValue {
  readonly text: string;
  /** Addresses, names and selectors: shown in monospace. */
  readonly isCode?: boolean;
  /** A canvas id (`service:shop/frontend`): the value selects that object when clicked. */
  readonly ref?: string;
  readonly tone?: Tone;
}

export interface InspectorRow {
  readonly label: string;
  readonly values: readonly InspectorValue[];
  /** Long values (sentences, DNS names): the label goes above them, not beside. */
  readonly isWide?: boolean;
}

export interface InspectorItem {
  readonly values: readonly InspectorValue[];
  /** Lines under the item (a container's sockets, a policy's rules). */
  readonly details?: readonly InspectorValue[];
}

export interface InspectorSection {
  readonly title: string;
  readonly rows?: readonly InspectorRow[];
  readonly items?: readonly InspectorItem[];
  /** `key=value` labels and selectors. */
  readonly chips?: readonly string[];
  /** Said instead of an empty list. */
  readonly empty?: string;
  readonly note?: InspectorValue;
}

export interface InspectorModel {
  /** The canvas id (`pod:shop/frontend-…`). */
  readonly id: string;
  /** `Pod`, `Service`, `NetworkPolicy`, … */
  readonly kind: string;
  readonly name: string;
  readonly namespace: string | null;
  readonly badges: readonly InspectorValue[];
  readonly sections: readonly InspectorSection[];
}

export function code(text: string, ref?: string): InspectorValue {
  return ref === undefined ? { text, isCode: true } : { text, isCode: true, ref };
}

export function text(value: string, tone?: Tone): InspectorValue {
  return tone === undefined ? { text: value } : { text: value, tone };
}

export function labelChips(labels: Readonly<Record<string, string>>): string[] {
  return Object.entries(labels).map(([k, v]) => `${k}=${v}`);
}

/** The cluster's DNS domain. TODO(#6): read it from the view once ClusterSettings reach it. */
export const CLUSTER_DOMAIN = 'cluster.local';

/** A pod's own A record: its IP with dashes (`10-244-1-5.shop.pod.cluster.local`). */
export function podDnsName(ip: string, namespace: string): string {
  return `${ip.replaceAll('.', '-')}.${namespace}.pod.${CLUSTER_DOMAIN}`;
}

export function serviceDnsName(name: string, namespace: string): string {
  return `${name}.${namespace}.svc.${CLUSTER_DOMAIN}`;
}
