/**
 * Templates of `<live-chat-moderation>`'s shield toggle and gate fields. The same fields edit
 * the room's gates now and the shield's preset, so each is rendered from plain values.
 *
 * Kept apart from `live-chat-moderation.parts.ts` (bans) so that the two grow independently.
 */
import { css, html, nothing } from 'lit';
import type { ChatHoldRule, ChatSettings, ChatShieldPreset } from '../../protocol/index.js';
import type { ChatModerationStrings } from './live-chat-moderation.strings.js';

/** Choices of the first-time chatter delay, in seconds (0 = off); the room's is added if other. */
export const FIRST_CHAT_DELAY_CHOICES: readonly number[] = [0, 60, 300, 600, 1800];

/** What the shield strings need; the defaults live in live-chat-moderation.strings.ts. */
export interface ShieldStrings {
  shield: string;
  /** The toggle's state, beside its name. */
  shieldOn: string;
  shieldOff: string;
  /** Under the toggle: what raising it does, or that lifting it restores what was. */
  shieldHintOff: (preset: string) => string;
  shieldHintOn: string;
  shieldRaised: string;
  shieldLifted: string;
  gates: string;
  shieldPreset: string;
  presetSaved: string;
  signedInOnly: string;
  minAccountAge: string;
  minAccountAgeHint: string;
  firstChatDelay: string;
  emoteOnly: string;
  linksStaffOnly: string;
  /** The hold-for-review rules: their group's name and each rule's label. */
  holdForReview: string;
  holdRules: Record<ChatHoldRule, string>;
  /** A preset in a few words, e.g. `signed-in only, slow mode 10 s`. */
  presetSummary: (preset: ChatShieldPreset) => string;
  delayOption: (seconds: number) => string;
}

/** The toggle: one button, pressed while the shield is up. */
export function renderShieldToggle(options: {
  t: ChatModerationStrings;
  on: boolean;
  preset: ChatShieldPreset | null;
  busy: boolean;
  toggle: () => void;
}) {
  const { t, on, preset, busy, toggle } = options;
  return html`<div class="shield-box ${on ? 'on' : ''}">
    <button
      part=${on ? 'shield shield-on' : 'shield'}
      class="shield"
      type="button"
      aria-pressed=${on ? 'true' : 'false'}
      aria-describedby="shield-hint"
      aria-disabled=${busy ? 'true' : nothing}
      @click=${toggle}
    >
      <span aria-hidden="true">🛡</span> ${t.shield}:
      <strong>${on ? t.shieldOn : t.shieldOff}</strong>
    </button>
    <p id="shield-hint" class="note">
      ${on ? t.shieldHintOn : t.shieldHintOff(preset ? t.presetSummary(preset) : '')}
    </p>
  </div>`;
}

/** Choices of the preset's chat delay, in seconds (0 = off); the preset's is added if other. */
export const CHAT_DELAY_CHOICES: readonly number[] = [0, 2, 5, 10];

/**
 * The gate fields of `values`, each change sent at once with `change` (one field at a time, as
 * the slow-mode select does). `id` keeps the labels of two sets of fields apart. `withPacing`
 * adds slow mode and the chat delay, which the room's own selects set elsewhere.
 */
export function renderGateFields(options: {
  t: ChatModerationStrings;
  id: string;
  values: ChatSettings | ChatShieldPreset;
  withPacing: boolean;
  change: (gates: ChatShieldPreset) => void;
}) {
  const { t, id, values, withPacing, change } = options;
  const delay = values.firstChatDelaySeconds ?? 0;
  const chatDelay = values.chatDelaySeconds ?? 0;
  const chatDelays = CHAT_DELAY_CHOICES.includes(chatDelay)
    ? CHAT_DELAY_CHOICES
    : [...CHAT_DELAY_CHOICES, chatDelay].sort((a, b) => a - b);
  const delays = FIRST_CHAT_DELAY_CHOICES.includes(delay)
    ? FIRST_CHAT_DELAY_CHOICES
    : [...FIRST_CHAT_DELAY_CHOICES, delay].sort((a, b) => a - b);
  const checkbox = (field: 'signedInOnly' | 'emoteOnly', label: string) =>
    html`<label class="check"
      ><input
        type="checkbox"
        data-gate=${field}
        .checked=${values[field] === true}
        @change=${(e: Event) => change({ [field]: (e.target as HTMLInputElement).checked })}
      />
      ${label}</label
    >`;
  return html`
    ${checkbox('signedInOnly', t.signedInOnly)}
    <label class="check"
      ><input
        type="checkbox"
        data-gate="links"
        .checked=${values.links === 'staff'}
        @change=${(e: Event) =>
          change({ links: (e.target as HTMLInputElement).checked ? 'staff' : 'all' })}
      />
      ${t.linksStaffOnly}</label
    >
    ${checkbox('emoteOnly', t.emoteOnly)}
    <fieldset class="hold">
      <legend>${t.holdForReview}</legend>
      ${(Object.keys(t.holdRules) as ChatHoldRule[]).map(
        (rule) =>
          html`<label class="check"
            ><input
              type="checkbox"
              data-hold=${rule}
              .checked=${values.hold?.includes(rule) === true}
              @change=${(e: Event) => {
                const others = (values.hold ?? []).filter((known) => known !== rule);
                const on = (e.target as HTMLInputElement).checked;
                change({ hold: on ? [...others, rule] : others });
              }}
            />
            ${t.holdRules[rule]}</label
          >`,
      )}
    </fieldset>
    <div class="row">
      <label for="${id}-delay">${t.firstChatDelay}</label>
      <select
        id="${id}-delay"
        data-gate="firstChatDelaySeconds"
        @change=${(e: Event) =>
          change({ firstChatDelaySeconds: Number((e.target as HTMLSelectElement).value) })}
      >
        ${delays.map(
          (seconds) =>
            html`<option value=${seconds} .selected=${seconds === delay}>
              ${t.delayOption(seconds)}
            </option>`,
        )}
      </select>
    </div>
    <div class="row">
      <label for="${id}-age">${t.minAccountAge}</label>
      <input
        id="${id}-age"
        data-gate="minAccountAgeMinutes"
        type="number"
        min="0"
        max="525600"
        step="1"
        inputmode="numeric"
        aria-describedby="${id}-age-hint"
        .value=${String(values.minAccountAgeMinutes ?? 0)}
        @change=${(e: Event) => {
          const minutes = Math.trunc(Number((e.target as HTMLInputElement).value));
          if (Number.isFinite(minutes) && minutes >= 0) change({ minAccountAgeMinutes: minutes });
        }}
      />
      <span id="${id}-age-hint" class="note">${t.minAccountAgeHint}</span>
    </div>
    ${
      withPacing
        ? html`<div class="row">
              <label for="${id}-slow">${t.slowMode}</label>
              <input
                id="${id}-slow"
                data-gate="slowModeSeconds"
                type="number"
                min="0"
                max="3600"
                .value=${String(values.slowModeSeconds ?? 0)}
                @change=${(e: Event) => {
                  const seconds = Math.trunc(Number((e.target as HTMLInputElement).value));
                  if (Number.isFinite(seconds) && seconds >= 0)
                    change({ slowModeSeconds: seconds });
                }}
              />
            </div>
            <div class="row">
              <label for="${id}-chat-delay">${t.chatDelay}</label>
              <select
                id="${id}-chat-delay"
                data-gate="chatDelaySeconds"
                @change=${(e: Event) =>
                  change({ chatDelaySeconds: Number((e.target as HTMLSelectElement).value) })}
              >
                ${chatDelays.map(
                  (seconds) =>
                    html`<option value=${seconds} .selected=${seconds === chatDelay}>
                      ${seconds === 0 ? t.chatDelayOff : t.chatDelayOption(seconds)}
                    </option>`,
                )}
              </select>
            </div>`
        : nothing
    }
  `;
}

/** Styles of the shield and the gate fields, added to the element's. */
export const shieldStyles = css`
  .shield-box {
    display: grid;
    gap: 0.35em;
    padding: 0.6em 0.8em;
    border: 2px solid var(--_border);
    border-radius: var(--_radius);
  }
  .shield-box.on {
    border-color: var(--_danger);
  }
  .shield {
    justify-self: start;
    font-size: 1.1em;
    font-weight: 600;
  }
  .shield[aria-pressed='true'] {
    background: var(--_danger);
    color: var(--_on-accent);
  }
  fieldset {
    display: grid;
    gap: 0.45em;
    margin: 0;
    padding: 0.6em 0.8em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  legend {
    font-weight: 600;
  }
  .check {
    font-weight: normal;
  }
  input[type='number'] {
    width: 7em;
  }
`;
