/** Hit-testing the canvas in the DOM (kept out of the pure layout module). */

/** A canvas object's id, as DESIGN.md spells them (handles carry data-ids of their own). */
const CANVAS_ID = /^(node|namespace|pod|service|ingress|networkpolicy|external):/;

/**
 * The canvas id of the object under a screen point (a React Flow card or an overview chip), if
 * any; `prefix` (e.g. `node:`) narrows it to one kind.
 */
export function canvasIdAt(x: number, y: number, prefix = ''): string | null {
  for (const el of document.elementsFromPoint(x, y)) {
    const id = el.closest('[data-id]')?.getAttribute('data-id');
    if (id && CANVAS_ID.test(id) && id.startsWith(prefix)) return id;
  }
  return null;
}
