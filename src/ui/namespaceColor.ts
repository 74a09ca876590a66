/**
 * A stable colour per namespace, so a namespace looks the same in every panel and every session:
 * a small hash of the name picks one of a few hues that stay readable on white.
 */
// Ordered so the demo's namespaces land far apart: default blue, data orange, shop green,
// kube-system purple.
const HUES = [340, 212, 28, 188, 48, 248, 152, 276] as const;

export function namespaceHue(namespace: string): number {
  let hash = 0;
  for (let i = 0; i < namespace.length; i++) hash = (hash * 31 + namespace.charCodeAt(i)) >>> 0;
  return HUES[hash % HUES.length] ?? HUES[0];
}
