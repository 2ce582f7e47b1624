/**
 * A text label drawn into a sprite, so the up-axis name stays readable from every viewing angle. Needs a
 * DOM canvas: in Node (unit tests) it returns null and the rig is simply unlabelled.
 */
import { CanvasTexture, LinearFilter, Sprite, SpriteMaterial } from 'three';

/** Height of the label in its parent's units; width follows the text. */
const LABEL_HEIGHT = 0.14;

export function createTextSprite(text: string, color: string): Sprite | null {
  if (typeof document === 'undefined') return null;
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  const fontPx = 48;
  const font = `600 ${fontPx}px system-ui, sans-serif`;
  ctx.font = font;
  const width = Math.ceil(ctx.measureText(text).width) + 16;
  canvas.width = width;
  canvas.height = fontPx + 16;
  ctx.font = font; // resizing the canvas resets the context state
  ctx.fillStyle = color;
  ctx.textBaseline = 'middle';
  ctx.fillText(text, 8, canvas.height / 2);
  const texture = new CanvasTexture(canvas);
  texture.minFilter = LinearFilter;
  const material = new SpriteMaterial({ map: texture, depthTest: false, transparent: true });
  const sprite = new Sprite(material);
  sprite.scale.set((LABEL_HEIGHT * canvas.width) / canvas.height, LABEL_HEIGHT, 1);
  sprite.renderOrder = 10;
  return sprite;
}
