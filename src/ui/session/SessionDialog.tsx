/** A header button that opens a modal dialog (Radix Dialog), the frame of each session menu. */

import * as Dialog from '@radix-ui/react-dialog';
import type { ReactNode } from 'react';

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
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Trigger asChild>
        <button type="button" className="button session-menu__button">
          {label}
        </button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog__overlay" />
        <Dialog.Content className={wide ? 'dialog dialog--wide' : 'dialog'}>
          <div className="dialog__bar">
            <Dialog.Title className="dialog__title">{title}</Dialog.Title>
            <Dialog.Close asChild>
              <button type="button" className="button dialog__close" aria-label="Close">
                ×
              </button>
            </Dialog.Close>
          </div>
          <Dialog.Description className="dialog__description">{description}</Dialog.Description>
          {children}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
