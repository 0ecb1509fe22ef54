/** A header button that opens a modal dialog, the frame of each session menu. */

import type { ReactNode } from 'react';
import { DialogFrame } from '../controls/DialogFrame';

interface SessionDialogProps {
  readonly label: string;
  readonly title: string;
  readonly description: string;
  readonly open: boolean;
  onOpenChange(open: boolean): void;
  readonly wide?: boolean;
  readonly children: ReactNode;
}

export function SessionDialog({ label, title, description, open, onOpenChange, wide, children }: SessionDialogProps) {
  const trigger = (
    <button type="button" className="button session-menu__button">
      {label}
    </button>
  );
  return (
    <DialogFrame trigger={trigger} title={title} description={description} wide={wide} open={open} onOpenChange={onOpenChange}>
      {children}
    </DialogFrame>
  );
}
