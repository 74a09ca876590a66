import { memo } from 'react';
import type { CSSProperties } from 'react';
import { namespaceHue } from '../../namespaceColor';

/** The namespace as a coloured label, the same hue as everywhere else in the app. */
export const NamespaceChip = memo(function NamespaceChip({
  namespace,
}: {
  readonly namespace: string;
}) {
  const style = { '--ns-hue': namespaceHue(namespace) } as CSSProperties;
  return (
    <span className="k8s-ns" style={style} title={`namespace ${namespace}`}>
      {namespace}
    </span>
  );
});
