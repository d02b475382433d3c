import { h, uid } from '../view/dom.js';

/**
 * Asks the person to confirm, in a modal `<dialog>`: focus starts on Cancel, Escape cancels, and
 * the focus returns to where it was.
 */
export function confirmDialog(title: string, message: string, action: string): Promise<boolean> {
  const titleId = uid('dialog-title');
  const messageId = uid('dialog-message');
  const cancel = h('button', { type: 'button', class: 'secondary', autofocus: true }, 'Cancel');
  const confirm = h('button', { type: 'button', class: 'danger' }, action);
  const dialog = h(
    'dialog',
    { class: 'confirm', 'aria-labelledby': titleId, 'aria-describedby': messageId },
    h('h2', { id: titleId }, title),
    h('p', { id: messageId }, message),
    h('div', { class: 'actions' }, cancel, confirm),
  );
  const previous = document.activeElement;
  document.body.append(dialog);
  return new Promise((resolve) => {
    const close = (answer: boolean) => {
      dialog.close();
      dialog.remove();
      if (previous instanceof HTMLElement && previous.isConnected) previous.focus();
      resolve(answer);
    };
    cancel.addEventListener('click', () => close(false));
    confirm.addEventListener('click', () => close(true));
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      close(false);
    });
    dialog.showModal();
    cancel.focus();
  });
}
