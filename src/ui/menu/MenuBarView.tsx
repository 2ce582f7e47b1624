/**
 * A desktop menu bar for menus given as data. Keyboard: Enter/Space/ArrowDown open a menu, arrows move
 * between items and menus, Home/End jump, Escape closes and returns focus, Tab leaves. A click outside
 * closes it. ARIA menubar/menu/menuitem roles so screen readers and tests find items by role and name.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { isRunnable, type Menu, type MenuItem } from './menuTypes';

export interface MenuBarViewProps {
  menus: Menu[];
}

const enabled = (item: MenuItem) => isRunnable(item) && !item.disabled;

export function MenuBarView({ menus }: MenuBarViewProps) {
  const [open, setOpen] = useState<number | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const titleRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const focusFirst = useRef<'first' | 'last' | null>(null);

  useEffect(() => {
    if (open === null) return;
    const onPointerDown = (e: PointerEvent | MouseEvent) => {
      if (rootRef.current && !rootRef.current.contains(e.target as Node)) setOpen(null);
    };
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('mousedown', onPointerDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('mousedown', onPointerDown);
    };
  }, [open]);

  // Focus the first/last item after a menu opens from the keyboard.
  useEffect(() => {
    if (open === null || !focusFirst.current) return;
    const items = menuItems();
    (focusFirst.current === 'first' ? items[0] : items[items.length - 1])?.focus();
    focusFirst.current = null;
  });

  const menuItems = (): HTMLElement[] =>
    Array.from(rootRef.current?.querySelectorAll<HTMLElement>('[role="menu"] [data-menu-item]:not([disabled])') ?? []);

  const openMenu = (index: number, focus: 'first' | 'last' | null) => {
    focusFirst.current = focus;
    setOpen((index + menus.length) % menus.length);
  };
  const close = (refocus: boolean) => {
    const index = open;
    setOpen(null);
    if (refocus && index !== null) titleRefs.current[index]?.focus();
  };

  const onTitleKey = (index: number) => (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      openMenu(index, 'first');
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      openMenu(index, 'last');
    } else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      e.preventDefault();
      const next = (index + (e.key === 'ArrowRight' ? 1 : -1) + menus.length) % menus.length;
      titleRefs.current[next]?.focus();
      if (open !== null) openMenu(next, null);
    } else if (e.key === 'Escape') {
      close(true);
    }
  };

  const onMenuKey = (e: KeyboardEvent) => {
    const items = menuItems();
    const current = items.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => {
      e.preventDefault();
      items[(to + items.length) % items.length]?.focus();
    };
    if (e.key === 'ArrowDown') move(current + 1);
    else if (e.key === 'ArrowUp') move(current - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(items.length - 1);
    else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close(true);
    } else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      e.preventDefault();
      const next = open! + (e.key === 'ArrowRight' ? 1 : -1);
      titleRefs.current[(next + menus.length) % menus.length]?.focus();
      openMenu(next, 'first');
    } else if (e.key === 'Tab') setOpen(null);
  };

  const activate = (item: MenuItem) => {
    if (!enabled(item) || !isRunnable(item)) return;
    close(true);
    item.run();
  };

  return (
    <div className="menu-bar" role="menubar" aria-label="Studio menu" ref={rootRef}>
      {menus.map((menu, index) => (
        <div key={menu.id} className="menu">
          <button
            type="button"
            ref={(el) => {
              titleRefs.current[index] = el;
            }}
            className="menu-title"
            role="menuitem"
            aria-haspopup="menu"
            aria-expanded={open === index}
            data-testid={`menu-${menu.id}`}
            onClick={() => (open === index ? close(false) : openMenu(index, null))}
            onPointerEnter={() => open !== null && open !== index && openMenu(index, null)}
            onKeyDown={onTitleKey(index)}
          >
            {menu.label}
          </button>
          {open === index && (
            <div className="menu-popup" role="menu" aria-label={menu.label} onKeyDown={onMenuKey}>
              {menu.items.map((item) => (
                <MenuItemView key={item.id} item={item} onActivate={activate} />
              ))}
            </div>
          )}
        </div>
      ))}
    </div>
  );
}

function MenuItemView({ item, onActivate }: { item: MenuItem; onActivate(item: MenuItem): void }) {
  if (item.kind === 'separator') return <div className="menu-separator" role="separator" />;
  if (item.kind === 'heading') return <div className="menu-heading">{item.label}</div>;
  const role = item.kind === 'action' ? 'menuitem' : item.kind === 'check' ? 'menuitemcheckbox' : 'menuitemradio';
  const checked = item.kind === 'action' ? undefined : item.checked;
  return (
    <button
      type="button"
      className="menu-item"
      role={role}
      aria-checked={checked}
      disabled={item.disabled}
      data-menu-item=""
      data-testid={`menuitem-${item.id}`}
      tabIndex={-1}
      onClick={() => onActivate(item)}
    >
      <span className="menu-check" aria-hidden="true">
        {checked === undefined ? '' : checked ? (item.kind === 'radio' ? '●' : '✓') : ''}
      </span>
      <span className="menu-label">{item.label}</span>
      {item.kind === 'action' && item.shortcut && <span className="menu-shortcut">{item.shortcut}</span>}
    </button>
  );
}
