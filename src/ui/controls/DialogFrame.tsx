/** A modal dialog (Radix Dialog) opened by the trigger passed in, with a title bar and a close button. */

import * as Dialog from '@radix-ui/react-dialog';
import type { ReactElement, ReactNode } from 'react';
import '../session/session.css';

interface DialogFrameProps {
  /** A button; it opens the dialog. */
  readonly trigger: ReactElement;
  readonly title: string;
  readonly description: ReactNode;
  readonly wide?: boolean;
  readonly open?: boolean;
  onOpenChange?(open: boolean): void;
  readonly children: ReactNode;
}

/**
 * Keeps the dialog open when Escape goes to a field marked `data-handles-escape`, such as a
 * rename field that Escape cancels. Radix handles Escape on the document before the field receives it.
 */
function keepForOwnEscape(event: KeyboardEvent): void {
  if (event.target instanceof Element && event.target.closest('[data-handles-escape]')) event.preventDefault();
}

export function DialogFrame({ trigger, title, description, wide, open, onOpenChange, children }: DialogFrameProps) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Trigger asChild>{trigger}</Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog__overlay" />
        <Dialog.Content className={wide ? 'dialog dialog--wide' : 'dialog'} onEscapeKeyDown={keepForOwnEscape}>
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
