/**
 * The host's emoji editor of `<live-reactions>`: a comma-separated field, checked here against the
 * relay's rules before it is sent (the relay checks again and its refusal is shown the same way).
 * Then the floating emojis: how many a burst gets, and the nodes themselves, kept under a hard
 * cap and removed when their animation ends. Those nodes live outside Lit's templates (they come
 * and go many times a second); the overlay they go in has no bindings.
 */
import { html } from 'lit';
import type { ReactionsStrings } from './live-reactions.strings.js';

/** The relay's rules for a room's emoji set (PROTOCOL.md, reactions `settings`). */
export const EMOJI_SET_RULES = {
  /** Emojis in a set. */
  max: 12,
  /** Code points of one emoji (flags, skin tones and ZWJ families are sequences). */
  maxCodePoints: 10,
} as const;

/** The emojis of a comma-separated text (ASCII or full-width commas), trimmed, blanks dropped. */
export function parseEmojis(text: string): string[] {
  return text
    .split(/[,，、]/)
    .map((part) => part.trim())
    .filter(Boolean);
}

/** Why the relay would refuse `emojis`, or '' when it would take them. */
export function emojisError(emojis: string[], t: ReactionsStrings): string {
  if (emojis.length === 0) return t.editEmpty;
  if (emojis.length > EMOJI_SET_RULES.max) return t.editTooMany(EMOJI_SET_RULES.max);
  const long = emojis.find((emoji) => [...emoji].length > EMOJI_SET_RULES.maxCodePoints);
  if (long) return t.editTooLong(long);
  const twice = emojis.find((emoji, index) => emojis.indexOf(emoji) !== index);
  return twice ? t.editDuplicate(twice) : '';
}

/** What the editor template needs: its text, state and handlers. */
export interface EditorView {
  t: ReactionsStrings;
  draft: string;
  error: string;
  saving: boolean;
  input(value: string): void;
  save(): void;
  cancel(): void;
}

export function renderEditor(view: EditorView) {
  const { t } = view;
  const onKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    view.cancel();
  };
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    view.save();
  };
  return html`<form part="editor" class="editor" id="editor" @submit=${onSubmit}>
    <label for="emojis">${t.editLabel}</label>
    <input
      part="editor-input"
      id="emojis"
      autocomplete="off"
      aria-describedby="editor-hint editor-error"
      aria-invalid=${view.error ? 'true' : 'false'}
      .value=${view.draft}
      @input=${(event: InputEvent) => view.input((event.target as HTMLInputElement).value)}
      @keydown=${onKeydown}
    />
    <span id="editor-hint" class="hint">${t.editHint}</span>
    <span class="actions">
      <button part="save" type="submit" ?disabled=${view.saving}>${t.save}</button>
      <button type="button" @click=${view.cancel}>${t.cancel}</button>
    </span>
    <p part="error" id="editor-error" class="error" role="alert">${view.error}</p>
  </form>`;
}

// ------------------------------------------------ floating emojis

/** How the floating emojis behave, in one place. */
export const FLOATING_DEFAULTS = {
  /**
   * Emojis per burst of one emoji: `max(1, ceil(perLn × ln(count)))`, so 1 → 1, 10 → 4,
   * 1,000 → 12, 10,000 → 15: a big room looks busier without drawing thousands of nodes.
   */
  perLn: 1.6,
  /** The emojis of one burst start spread over this time (ms), not all at once. */
  spreadMs: 400,
  /** Flight time (ms) of one emoji, plus up to `durationJitterMs` at random. */
  durationMs: 2_000,
  durationJitterMs: 800,
  /** Sideways drift (px) either way during the flight. */
  driftPx: 36,
  /** Emojis start this far (%) from the overlay's left and right edges, so none is cut off. */
  edgePct: 5,
} as const;

/** How many floating emojis a burst of `count` reactions with one emoji gets. */
export function floatsFor(count: number): number {
  if (count <= 0) return 0;
  return Math.max(1, Math.ceil(FLOATING_DEFAULTS.perLn * Math.log(count)));
}

/** The floating emoji nodes of one overlay, oldest first. */
export class FloatingLayer {
  #nodes: HTMLElement[] = [];

  /** Floating emojis in the DOM now. */
  get size(): number {
    return this.#nodes.length;
  }

  /**
   * Adds up to `howMany` floating `emoji`s to `overlay`, never more than `max` nodes in all. At
   * the cap new ones are skipped (the overlay is as busy as it gets, and the ones in flight finish
   * their rise), unless `evict`: then the oldest make way (for the user's own click).
   */
  spawn(overlay: HTMLElement, emoji: string, howMany: number, max: number, evict = false): void {
    const { spreadMs, durationMs, durationJitterMs, driftPx, edgePct } = FLOATING_DEFAULTS;
    for (let i = 0; i < howMany; i++) {
      const excess = evict ? this.#nodes.length - max + 1 : 0;
      for (const node of this.#nodes.slice(0, Math.max(0, excess))) this.#remove(node);
      if (this.#nodes.length >= max) return;
      const node = document.createElement('span');
      node.className = 'float';
      node.setAttribute('part', 'floating');
      node.textContent = emoji;
      const x = edgePct + Math.random() * (100 - 2 * edgePct);
      node.style.setProperty('--x', `${x.toFixed(1)}%`);
      node.style.setProperty('--drift', `${((Math.random() * 2 - 1) * driftPx).toFixed(0)}px`);
      node.style.setProperty('--delay', `${i === 0 ? 0 : Math.round(Math.random() * spreadMs)}ms`);
      node.style.setProperty(
        '--duration',
        `${durationMs + Math.round(Math.random() * durationJitterMs)}ms`,
      );
      const done = () => this.#remove(node);
      node.addEventListener('animationend', done, { once: true });
      node.addEventListener('animationcancel', done, { once: true });
      overlay.append(node);
      this.#nodes.push(node);
    }
  }

  /** Removes every floating emoji. */
  clear(): void {
    for (const node of this.#nodes) node.remove();
    this.#nodes = [];
  }

  #remove(node: HTMLElement): void {
    node.remove();
    const index = this.#nodes.indexOf(node);
    if (index >= 0) this.#nodes.splice(index, 1);
  }
}
