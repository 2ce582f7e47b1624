/**
 * A draggable divider between panels (also keyboard: arrows, Shift for bigger steps). Reports the new
 * size; the layout store clamps and remembers it.
 */
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

export interface SplitterProps {
  orientation: 'vertical' | 'horizontal';
  /** Current size of the panel this splitter resizes, px. */
  size: number;
  min: number;
  max: number;
  /** +1 when moving the pointer right/down grows the panel, -1 when it shrinks it. */
  direction: 1 | -1;
  label: string;
  onResize(px: number): void;
}

export function Splitter({ orientation, size, min, max, direction, label, onResize }: SplitterProps) {
  const start = useRef<{ pos: number; size: number } | null>(null);
  const pos = (e: PointerEvent) => (orientation === 'vertical' ? e.clientX : e.clientY);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    start.current = { pos: pos(e), size };
    e.currentTarget.setPointerCapture?.(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent) => {
    if (!start.current) return;
    onResize(start.current.size + direction * (pos(e) - start.current.pos));
  };
  const onPointerUp = () => {
    start.current = null;
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const step = e.shiftKey ? 50 : 10;
    const grow = orientation === 'vertical' ? { ArrowRight: 1, ArrowLeft: -1 } : { ArrowDown: 1, ArrowUp: -1 };
    const d = grow[e.key as keyof typeof grow];
    if (d === undefined) return;
    e.preventDefault();
    onResize(size + d * direction * step);
  };

  return (
    <div
      className={`splitter splitter--${orientation}`}
      role="separator"
      aria-orientation={orientation}
      aria-label={label}
      aria-valuenow={size}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
    />
  );
}
