/**
 * Field-level rules the shape check cannot express: names, label keys and values, selectors,
 * ports, protocols, CIDRs, and known mistakes (old Ingress backend fields, `/*` paths).
 * Completed in the schema work (issue 4); the name check is the first rule.
 */
import type { CheckContext } from './schema';
import { checkObjectName } from './validators';

export function validateObjectFields(kind: string, value: Record<string, unknown>, ctx: CheckContext): void {
  const meta = value['metadata'];
  if (meta && typeof meta === 'object' && !Array.isArray(meta)) {
    const name = (meta as Record<string, unknown>)['name'];
    if (typeof name === 'string') checkObjectName(kind, name, 'metadata.name', ctx);
  }
}
