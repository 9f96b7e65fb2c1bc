/**
 * Focus checks for the host tools' keyboard tests: the element that really has the focus
 * (through shadow roots), a control pressed with the keyboard, and a failure that names what
 * has the focus instead.
 */
import { waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';

/** The focused element, through nested shadow roots (`document.activeElement` stops at hosts). */
export function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

const describe = (element: Element | null) =>
  element
    ? `<${element.localName}${element.id ? `#${element.id}` : ''} part="${element.getAttribute('part') ?? ''}"> "${(element.textContent ?? '').trim().slice(0, 40)}"`
    : 'nothing';

/** Focuses `control` and presses Enter on it, as a keyboard user would. */
export async function pressWithKeyboard(control: HTMLElement): Promise<void> {
  control.focus();
  if (deepActive() !== control) throw new Error(`cannot focus ${describe(control)}`);
  await sendKeys({ press: 'Enter' });
}

/**
 * Waits until `target()` has the focus; fails naming what has it (chai's diff of DOM nodes can
 * hang).
 */
export async function expectFocusOn(
  target: () => Element | null | undefined,
  what: string,
): Promise<void> {
  try {
    await waitUntil(
      () => {
        const wanted = target();
        return !!wanted && deepActive() === wanted;
      },
      '',
      { timeout: 5_000 },
    );
  } catch {
    throw new Error(
      `focus is on ${describe(deepActive())}, not on ${what}: ${describe(target() ?? null)}`,
    );
  }
}

/** Fails if the focus is on `<body>` (or nowhere). */
export function expectFocusNotOnBody(): void {
  const active = deepActive();
  if (!active || active === document.body) throw new Error('focus fell to <body>');
}
