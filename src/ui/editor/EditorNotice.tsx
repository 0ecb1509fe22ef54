/** The reason the last edit was rejected, shown over the canvas until the next edit or a dismissal. */

import { useApp } from '../store-context';

export function EditorNotice() {
  const notice = useApp((state) => state.editor.notice);
  const { dismissNotice } = useApp((state) => state.editorActions);

  if (!notice) return null;
  return (
    <div className="editor-notice" role="alert" key={notice.id}>
      <span className="editor-notice__text">{notice.message}</span>
      <button type="button" className="editor-notice__dismiss" onClick={dismissNotice} aria-label="Dismiss message">
        ×
      </button>
    </div>
  );
}
