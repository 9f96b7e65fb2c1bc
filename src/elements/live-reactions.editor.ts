/**
 * The host's emoji editor of `<live-reactions>`: a comma-separated field, checked here against the
 * relay's rules before it is sent (the relay checks again and its refusal is shown the same way).
 */
import { html } from 'lit';
import { REACTIONS_LIMITS, codePoints } from '../protocol/index.js';
import type { ReactionsStrings } from './live-reactions.strings.js';

/** The relay's rules for a room's emoji set (PROTOCOL.md, reactions `settings`). */
export const EMOJI_SET_RULES = {
  /** Emojis in a set. */
  max: REACTIONS_LIMITS.emojisMax,
  /** Code points of one emoji (flags, skin tones and ZWJ families are sequences). */
  maxCodePoints: REACTIONS_LIMITS.emojiMaxCodePoints,
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
  const long = emojis.find((emoji) => codePoints(emoji) > EMOJI_SET_RULES.maxCodePoints);
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
