import { ControlButton, getNodesBounds, getViewportForBounds, useReactFlow } from '@xyflow/react';
import { memo } from 'react';
import { useStore } from '../../store';

const WIDTH = 2000;
const PADDING = 0.06;

/**
 * PNG and SVG export of the whole cluster picture (React Flow's recommended approach: render
 * the viewport element with html-to-image, framed on all nodes). The library is loaded only
 * when a user exports. Drawn as two more buttons of the canvas controls, so they take no corner of
 * the picture of their own.
 */
export const ExportImage = memo(function ExportImage() {
  const { getNodes } = useReactFlow();
  const save = async (format: 'png' | 'svg') => {
    const viewport = document.querySelector<HTMLElement>('.k8s-canvas .react-flow__viewport');
    if (!viewport) return;
    const bounds = getNodesBounds(getNodes());
    const height = Math.max(400, Math.round((WIDTH * bounds.height) / Math.max(1, bounds.width)));
    const { x, y, zoom } = getViewportForBounds(bounds, WIDTH, height, 0.05, 2, PADDING);
    const { toPng, toSvg } = await import('html-to-image');
    const background = getComputedStyle(document.body).getPropertyValue('--bg').trim() || '#ffffff';
    const options = {
      width: WIDTH,
      height,
      backgroundColor: background,
      style: {
        width: `${String(WIDTH)}px`,
        height: `${String(height)}px`,
        transform: `translate(${String(x)}px, ${String(y)}px) scale(${String(zoom)})`,
      },
    };
    try {
      const url =
        format === 'png' ? await toPng(viewport, options) : await toSvg(viewport, options);
      const a = document.createElement('a');
      const base = useStore.getState().fileName.replace(/\.(ya?ml|json)$/i, '');
      a.href = url;
      a.download = `${base}.${format}`;
      a.click();
    } catch {
      useStore.getState().notify({
        kind: 'error',
        text: `Exporting the canvas as ${format.toUpperCase()} failed in this browser.`,
      });
    }
  };
  return (
    <div className="k8s-canvas__export" role="group" aria-label="Export canvas">
      <ControlButton title="Download the canvas as a PNG image" onClick={() => void save('png')}>
        PNG
      </ControlButton>
      <ControlButton title="Download the canvas as an SVG image" onClick={() => void save('svg')}>
        SVG
      </ControlButton>
    </div>
  );
});
