/** What the widgets' stories share: the "Live relay" story's arguments and a dark theme. */
import { html } from 'lit';

/**
 * The "Live relay" story: a real relay (`node --import tsx server/cli.ts --memory --port 8080`)
 * at the `server` control's URL, or at the iframe's `?relay=` parameter (the smoke test passes its
 * relay), in `room`.
 */
export function liveRelay(room: string) {
  return {
    tags: ['live'],
    args: {
      server:
        new URLSearchParams(globalThis.location?.search).get('relay') ?? 'ws://127.0.0.1:8080/live',
      room,
    },
    argTypes: { server: { control: 'text' as const } },
  };
}

/** `content` in a dark theme with round corners and a serif font, set by custom properties. */
export function themed(content: unknown) {
  return html`<div
    style="--hubbub-color-bg:#15171c; --hubbub-color-text:#e8eaf0; --hubbub-color-surface:#22252d;
      --hubbub-color-border:#353a45; --hubbub-color-muted:#9aa1b1; --hubbub-color-accent:#f0a020;
      --hubbub-color-on-accent:#15171c; --hubbub-color-success:#4cc27a; --hubbub-radius:14px;
      --hubbub-font-family:Georgia, serif"
  >
    ${content}
  </div>`;
}
