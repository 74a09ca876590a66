import { useEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';
import { useStore } from '../../store';
import { applyCanvasEdit } from '../canvasEdit';

/** The MIME type a palette drag carries: the template id. */
export const TEMPLATE_MIME = 'application/x-k8snet-template';

interface Item {
  readonly template: string;
  readonly text: string;
  readonly hint: string;
}

// Visible text of each main item is the kind's name (DESIGN.md); variants sit below.
const GROUPS: readonly { readonly main: Item; readonly variants: readonly Item[] }[] = [
  {
    main: {
      template: 'Pod',
      text: 'Pod',
      hint: 'one nginx pod; drop it on a node to pin it there',
    },
    variants: [],
  },
  {
    main: { template: 'Deployment', text: 'Deployment', hint: 'two nginx replicas' },
    variants: [],
  },
  {
    main: { template: 'Service', text: 'Service', hint: 'ClusterIP Service selecting app=web' },
    variants: [
      { template: 'Service/NodePort', text: 'NodePort', hint: 'reachable on every node IP' },
      {
        template: 'Service/LoadBalancer',
        text: 'LoadBalancer',
        hint: 'an external IP from the pool',
      },
      { template: 'Service/ExternalName', text: 'ExternalName', hint: 'a DNS CNAME, no proxying' },
      {
        template: 'Service/headless',
        text: 'Headless',
        hint: 'clusterIP: None, DNS returns pod IPs',
      },
    ],
  },
  { main: { template: 'Ingress', text: 'Ingress', hint: 'routes / to Service web' }, variants: [] },
  {
    main: {
      template: 'NetworkPolicy/deny-all-ingress',
      text: 'NetworkPolicy',
      hint: 'deny all ingress in the namespace',
    },
    variants: [
      {
        template: 'NetworkPolicy/deny-all-egress',
        text: 'Deny egress',
        hint: 'deny all egress (breaks DNS too)',
      },
      {
        template: 'NetworkPolicy/allow-same-namespace',
        text: 'Same namespace',
        hint: 'allow from pods of the same namespace',
      },
      {
        template: 'NetworkPolicy/allow-from-label',
        text: 'From label',
        hint: 'allow app=client to reach app=web',
      },
      {
        template: 'NetworkPolicy/allow-dns-egress',
        text: 'Allow DNS',
        hint: 'allow egress to kube-dns on 53',
      },
    ],
  },
  { main: { template: 'Namespace', text: 'Namespace', hint: 'a new namespace' }, variants: [] },
  { main: { template: 'Node', text: 'Node', hint: 'a new worker node' }, variants: [] },
];

/** Add a template to the document (in the worker) and select what was added. */
export async function addFromPalette(template: string, nodeName: string | null): Promise<void> {
  if (await applyCanvasEdit({ op: 'addTemplate', template, namespace: 'default', nodeName })) {
    useStore.getState().select(null);
  }
}

function PaletteItem({ item, variant }: { readonly item: Item; readonly variant: boolean }) {
  return (
    <li
      className={`palette__item${variant ? ' palette__item--variant' : ''}`}
      draggable
      tabIndex={0}
      title={item.hint}
      onDragStart={(e) => {
        e.dataTransfer.setData(TEMPLATE_MIME, item.template);
        e.dataTransfer.effectAllowed = 'copy';
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          void addFromPalette(item.template, null);
        }
      }}
      onDoubleClick={() => void addFromPalette(item.template, null)}
    >
      {item.text}
    </li>
  );
}

/** Whether the element scrolls and more of it is below: at 1280×720 the palette does not fit. */
function useMoreBelow(ref: RefObject<HTMLElement | null>): boolean {
  const [hasMore, setMore] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => {
      setMore(el.scrollTop + el.clientHeight < el.scrollHeight - 2);
    };
    update();
    const observer = new ResizeObserver(update);
    observer.observe(el);
    el.addEventListener('scroll', update, { passive: true });
    return () => {
      observer.disconnect();
      el.removeEventListener('scroll', update);
    };
  }, [ref]);
  return hasMore;
}

/** Drag a kind onto the canvas (onto a node to pin a pod there), or press Enter on it. */
export function Palette() {
  const ref = useRef<HTMLElement>(null);
  const hasMore = useMoreBelow(ref);
  return (
    <nav className="palette panel" aria-label="Palette" ref={ref}>
      <h2 className="panel__title">Palette</h2>
      <ul className="palette__list">
        {GROUPS.map((g) => (
          <li key={g.main.template} className="palette__group">
            <ul className="palette__list">
              <PaletteItem item={g.main} variant={false} />
              {g.variants.map((v) => (
                <PaletteItem key={v.template} item={v} variant />
              ))}
            </ul>
          </li>
        ))}
      </ul>
      <p className="palette__hint">Drag onto the canvas, or press Enter.</p>
      {hasMore && (
        <div className="palette__more" aria-hidden="true">
          more below ▾
        </div>
      )}
    </nav>
  );
}
