/** Helpers for play functions: act on a `<live-chat>` the way a user would. */
import type { LiveChat } from '../../src/elements/live-chat/live-chat.js';

export async function chatIn(root: HTMLElement): Promise<LiveChat> {
  const chat = root.querySelector('live-chat');
  if (!chat) throw new Error('no <live-chat> in the story');
  await until(() => chat.store?.$loaded.get() === true);
  return chat;
}

/** Types `text` into the chat's input and presses Enter. */
export async function typeAndSend(chat: LiveChat, text: string): Promise<void> {
  const input = chat.shadowRoot!.querySelector('textarea')!;
  input.focus();
  input.value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await chat.updateComplete;
  input.dispatchEvent(
    new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }),
  );
  await chat.updateComplete;
}

/** Clicks a message's action button (`reply`, `delete`, `pin`, ...). */
export async function clickAction(
  chat: LiveChat,
  messageId: string,
  action: string,
): Promise<void> {
  const button = chat.shadowRoot!.querySelector<HTMLButtonElement>(
    `[data-id="${messageId}"] [data-action="${action}"]`,
  );
  if (!button) throw new Error(`no ${action} button on ${messageId}`);
  button.click();
  await chat.updateComplete;
}

export async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting in a play function');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
