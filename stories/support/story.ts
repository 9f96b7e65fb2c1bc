/** What the widgets' stories share: the "Live relay" story's arguments and a site's theme. */
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

/**
 * `content` in a site's own theme over the dark scheme: a brand accent, round corners and a
 * serif font, set by custom properties; every other colour is the dark theme's.
 */
export function themed(content: unknown) {
  return html`<div
    style="--hubbub-color-scheme:dark; --hubbub-color-bg:#15171c; --hubbub-color-accent:#f0a020;
      --hubbub-color-on-accent:#15171c; --hubbub-focus-ring:#f0a020; --hubbub-radius:14px;
      --hubbub-font-family:Georgia, serif"
  >
    ${content}
  </div>`;
}
