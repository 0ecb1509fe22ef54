/**
 * Keyboard shortcuts of the graph editor. Undo (Ctrl+Z) and redo (Ctrl+Shift+Z, Ctrl+Y) work
 * anywhere except in text fields, which keep their own undo. Copy, paste and duplicate
 * (Ctrl+C, Ctrl+V, Ctrl+D) act only while the focus is on the canvas or on nothing, so that
 * copying text elsewhere on the page still works. Cmd works in place of Ctrl on macOS.
 */

import { useEffect, type RefObject } from 'react';
import { useApp } from '../store-context';

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
}

export function useEditorShortcuts(canvas: RefObject<HTMLElement | null>): void {
  const actions = useApp((state) => state.editorActions);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || isTextField(event.target)) return;
      const key = event.key.toLowerCase();
      const active = document.activeElement;
      const onCanvas = active === null || active === document.body || (canvas.current?.contains(active) ?? false);

      let handled = true;
      if (key === 'z' && event.shiftKey) actions.redo();
      else if (key === 'z') actions.undo();
      else if (key === 'y') actions.redo();
      else if (key === 'c' && onCanvas) actions.copySelection();
      else if (key === 'v' && onCanvas) actions.paste();
      else if (key === 'd' && onCanvas) actions.duplicateSelection();
      else handled = false;

      if (handled) event.preventDefault();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [actions, canvas]);
}
