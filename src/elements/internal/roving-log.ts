/**
 * Roving focus over the rows of a live log (issue 16, item 5): the log is ONE Tab stop however
 * many rows it holds. The arrow keys, Home, End, Page Up and Page Down move the keyboard between
 * rows; Enter (or Tab) goes into the focused row's buttons, Escape back to the row. A row's
 * buttons are tabbable only while the keyboard is on that row, so Tab leaves the log after them.
 *
 * Rows are the log's children marked `data-row` (rendered with `tabindex="-1"`, and their
 * buttons too); the controller moves `tabindex="0"` between them, on the elements themselves,
 * so a row rendered once (behind a `guard`) is never rendered again for it. When rows come and
 * go, the Tab stop stays on its row, follows the newest row while the keyboard is elsewhere and
 * was on the newest, and when the row with the focus leaves the page (deleted by a moderator,
 * its button gone), the focus goes to the row after it, else the one before, else the log:
 * never to `<body>`. It reads no layout.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Defaults of the roving log, in one place. */
export const ROVING_LOG_DEFAULTS = {
  /** Rows Page Up and Page Down move by (a fixed count: measuring the log would read layout). */
  pageRows: 10,
};

export interface RovingLogOptions {
  /** The log: the element whose `data-row` children rove. */
  log(): HTMLElement | null;
  /**
   * Where focus that leaves with a render is looked after, brought back to the log: the log and
   * the controls around it (a "Jump to latest" button that goes away once used, an "Unpin"
   * whose bar goes with the pin). Default: the log.
   */
  scope?(): Node | null;
  /** End was pressed: the host shows the newest rows (e.g. scrolls to the bottom, live again). */
  onEnd?(): void;
}

export class RovingLog implements ReactiveController {
  #host: ReactiveControllerHost & HTMLElement;
  #options: RovingLogOptions;
  /** The row holding the Tab stop. */
  #current?: HTMLElement;
  /** The keyboard is in the log, on the current row or one of its buttons. */
  #within = false;
  /** Before the render: the focus was in the scope. */
  #hadFocus = false;
  /** Before the render: the rows beside the current one, where the focus goes if it leaves. */
  #next?: HTMLElement;
  #previous?: HTMLElement;
  /** Before the render: the Tab stop should move to the newest row. */
  #follow = true;

  constructor(host: ReactiveControllerHost & HTMLElement, options: RovingLogOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostUpdate(): void {
    const active = this.#host.shadowRoot?.activeElement ?? null;
    const log = this.#options.log();
    const scope = this.#options.scope?.() ?? log;
    this.#hadFocus = !!active && !!scope?.contains(active);
    const current = this.#current;
    this.#next = current && sibling(current, 'next');
    this.#previous = current && sibling(current, 'previous');
    // The Tab stop was on the newest row and nobody reads the log: it stays on the newest.
    this.#follow = !current || (!this.#next && !(active && log?.contains(active)));
  }

  hostUpdated(): void {
    const log = this.#options.log();
    if (!log) {
      this.#current = undefined;
      return;
    }
    const isRow = (row?: HTMLElement): row is HTMLElement => row?.parentElement === log;
    let row: HTMLElement | undefined = this.#follow ? lastRow(log) : this.#current;
    if (!isRow(row)) row = [this.#next, this.#previous].find(isRow) ?? lastRow(log);
    this.#setCurrent(row);
    // A row rendered again (its buttons changed) has new buttons, untabbable.
    if (row && this.#within) tabbable(row, true);
    if (this.#hadFocus && !this.#host.shadowRoot?.activeElement) (row ?? log).focus();
  }

  hostDisconnected(): void {
    this.#current = undefined;
    this.#within = false;
  }

  /** Focuses the row with the Tab stop, else the log. */
  focus(): void {
    (this.#current ?? this.#options.log())?.focus();
  }

  /** Focuses the newest row, else the log. */
  focusLast(): void {
    const log = this.#options.log();
    if (log) (lastRow(log) ?? log).focus();
  }

  /**
   * The keyboard leaves `row` (it is about to go, or its buttons are): to the row after it, else
   * the one before, else the log. Only when the focus is in that row.
   */
  leave(row: Element | null | undefined): void {
    const log = this.#options.log();
    const active = this.#host.shadowRoot?.activeElement;
    if (!log || !row || !active || !row.contains(active)) return;
    const to = sibling(row, 'next') ?? sibling(row, 'previous') ?? log;
    to.focus();
  }

  /** `focusin` on the log: the row the focus went to takes the Tab stop and opens its buttons. */
  readonly onFocusIn = (event: FocusEvent): void => {
    const row = this.#rowOf(event.target);
    if (!row) return;
    if (row !== this.#current || !this.#within) tabbable(row, true);
    this.#setCurrent(row);
    this.#within = true;
  };

  /** `focusout` from the log: leaving it closes the current row's buttons to Tab again. */
  readonly onFocusOut = (event: FocusEvent): void => {
    const to = event.relatedTarget as Node | null;
    if (to && this.#options.log()?.contains(to)) return;
    this.#within = false;
    if (this.#current) tabbable(this.#current, false);
  };

  readonly onKeydown = (event: KeyboardEvent): void => {
    const log = this.#options.log();
    if (!log || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target as HTMLElement;
    const row = this.#rowOf(target);
    switch (event.key) {
      case 'Enter':
        if (row && target === row) {
          event.preventDefault();
          row.querySelector<HTMLElement>('button:not([disabled]), a[href]')?.focus();
        }
        return;
      case 'Escape':
        if (row && target !== row) {
          event.preventDefault();
          event.stopPropagation();
          row.focus();
        }
        return;
    }
    const rows = [...log.children].filter(
      (child): child is HTMLElement =>
        child instanceof HTMLElement && child.hasAttribute('data-row'),
    );
    if (rows.length === 0) return;
    const at = rows.indexOf((row ?? this.#current) as HTMLElement);
    const here = at < 0 ? rows.length - 1 : at;
    const page = ROVING_LOG_DEFAULTS.pageRows;
    let to: number;
    switch (event.key) {
      case 'ArrowUp':
        to = at < 0 ? here : here - 1;
        break;
      case 'ArrowDown':
        to = at < 0 ? here : here + 1;
        break;
      case 'PageUp':
        to = here - page;
        break;
      case 'PageDown':
        to = here + page;
        break;
      case 'Home':
        to = 0;
        break;
      case 'End':
        to = rows.length - 1;
        break;
      default:
        return;
    }
    event.preventDefault();
    rows[Math.max(0, Math.min(rows.length - 1, to))].focus();
    if (event.key === 'End') this.#options.onEnd?.();
  };

  #rowOf(target: EventTarget | null): HTMLElement | undefined {
    const log = this.#options.log();
    if (!(target instanceof Element) || !log) return undefined;
    const row = target.closest<HTMLElement>('[data-row]');
    return row?.parentElement === log ? row : undefined;
  }

  #setCurrent(row: HTMLElement | undefined): void {
    const old = this.#current;
    if (old && old !== row) {
      old.tabIndex = -1;
      tabbable(old, false);
    }
    this.#current = row;
    if (row) row.tabIndex = 0;
  }
}

/** The nearest row after (or before) `row`, if any. */
function sibling(row: Element, side: 'next' | 'previous'): HTMLElement | undefined {
  let element = side === 'next' ? row.nextElementSibling : row.previousElementSibling;
  while (element && !element.hasAttribute('data-row')) {
    element = side === 'next' ? element.nextElementSibling : element.previousElementSibling;
  }
  return (element as HTMLElement | null) ?? undefined;
}

function lastRow(log: HTMLElement): HTMLElement | undefined {
  const last = log.lastElementChild;
  if (!last) return undefined;
  return last.hasAttribute('data-row') ? (last as HTMLElement) : sibling(last, 'previous');
}

/** Makes `row`'s buttons reachable by Tab, or not. */
function tabbable(row: HTMLElement, on: boolean): void {
  for (const button of row.querySelectorAll<HTMLElement>('button, a[href]')) {
    button.tabIndex = on ? 0 : -1;
  }
}
