import { css } from 'lit';
import { componentStyles, controlStyles, roleStyles } from '../internal/component.styles.js';

export const liveChatStyles = [
  componentStyles,
  controlStyles,
  roleStyles,
  css`
    :host {
      display: flex;
      flex-direction: column;
      height: var(--hubbub-chat-height, 28rem);
      background: var(--_bg);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      overflow: hidden;
    }
    .banner {
      margin: 0;
      padding: 0.4em 0.8em;
      background: var(--_warning);
      color: var(--_on-warning);
      border-bottom: 1px solid var(--_border);
    }
    .pinned {
      display: flex;
      flex-wrap: wrap;
      gap: 0.2em 0.5em;
      align-items: baseline;
      padding: 0.4em 0.8em;
      background: var(--_surface);
      border-bottom: 1px solid var(--_border);
    }
    /* Three lines, then "Show all": the full text is on the page, not only in a tooltip. */
    .pinned .text {
      flex: 1 1 12em;
      min-width: 0;
      display: -webkit-box;
      -webkit-box-orient: vertical;
      -webkit-line-clamp: 3;
      line-clamp: 3;
      overflow: hidden;
      overflow-wrap: anywhere;
      white-space: pre-wrap;
    }
    .pinned .text.open {
      display: block;
      overflow: visible;
    }
    .pinned [hidden] {
      display: none;
    }
    .label {
      font-size: 0.8em;
      font-weight: 600;
      text-transform: uppercase;
      color: var(--_muted);
    }
    .body {
      position: relative;
      flex: 1;
      min-height: 0;
      display: flex;
    }
    .log {
      flex: 1;
      /* Sized by the widget, never by its messages: a new message lays out the log alone. */
      contain: strict;
      overflow-y: auto;
      padding: 0.4em 0;
      overscroll-behavior: contain;
      container-type: inline-size;
    }
    .skipped {
      display: flex;
      align-items: center;
      justify-content: center;
      gap: 0.6em;
      margin: 0.3em 0.8em;
      padding: 0.3em 0.6em;
      border-radius: var(--_radius);
      background: var(--_surface);
      color: var(--_muted);
      font-size: 0.9em;
    }
    .state {
      margin: 2em 1em;
      text-align: center;
      color: var(--_muted);
    }
    .message {
      position: relative;
      padding: 0.25em 0.8em;
      /* Only the messages in view are laid out and painted: a frame that adds one to 200 does
         not lay out the other 199 again. */
      content-visibility: auto;
      contain-intrinsic-size: auto 3.5em;
    }
    .message:hover,
    .message:focus-within {
      background: var(--_surface);
    }
    /* A row of the log's roving focus: its ring inside it, where the log does not clip it. */
    .message:focus-visible,
    .skipped:focus-visible {
      outline-offset: -2px;
    }
    .message.pending {
      color: var(--_muted);
    }
    .message.failed {
      color: var(--_danger);
    }
    .meta {
      display: flex;
      gap: 0.5em;
      align-items: baseline;
    }
    .author {
      font-weight: 600;
    }
    time,
    .status {
      font-size: 0.8em;
      color: var(--_muted);
    }
    .text {
      margin: 0;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .quote {
      margin: 0 0 0.15em;
      padding-inline-start: 0.5em;
      border-inline-start: 3px solid var(--_border);
      color: var(--_muted);
      font-size: 0.9em;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .actions {
      position: absolute;
      top: 0.2em;
      inset-inline-end: 0.6em;
      display: flex;
      flex-wrap: wrap;
      justify-content: flex-end;
      gap: 0.3em;
      padding: 0.15em;
      border-radius: calc(var(--_radius) / 2);
      background: var(--_surface);
      opacity: 0;
    }
    .message:hover .actions,
    .message:focus-within .actions {
      opacity: 1;
    }
    /* The actions never cover the message they act on: under it, in the flow, for the message
       the keyboard is on or a finger tapped (it takes the focus), and for a mouse in a narrow chat
       (where they would wrap over its text); a mouse over a wide chat gets them over the
       message's top line, its end free. */
    .actions.inline,
    .message:focus-within .actions {
      position: static;
      justify-content: flex-start;
      padding: 0;
      margin-top: 0.2em;
      background: none;
      opacity: 1;
    }
    @container (max-width: 30em) {
      .message:hover .actions {
        position: static;
        justify-content: flex-start;
        margin-top: 0.2em;
      }
    }
    .actions button {
      font-size: 0.8em;
    }
    .marker.held {
      background: var(--_warning);
      color: var(--_text);
    }
    .danger {
      color: var(--_danger);
    }
    .jump {
      position: absolute;
      bottom: 0.6em;
      /* Centred: the same in either direction. */
      left: 50%;
      transform: translateX(-50%);
      background: var(--_accent);
      color: var(--_on-accent);
      border-color: transparent;
      border-radius: 999px;
      padding: 0.3em 1em;
      box-shadow: 0 2px 6px rgb(0 0 0 / 0.2);
    }
    .typing {
      min-height: 1.4em;
      padding: 0 0.8em;
      font-size: 0.85em;
      font-style: italic;
      color: var(--_muted);
    }
    .composer {
      display: flex;
      flex-direction: column;
      gap: 0.3em;
      padding: 0.5em 0.8em 0.6em;
      border-top: 1px solid var(--_border);
    }
    .notice {
      margin: 0;
      font-size: 0.85em;
      color: var(--_muted);
    }
    .notice.error {
      color: var(--_danger);
    }
    .chip {
      display: flex;
      gap: 0.5em;
      align-items: center;
      align-self: flex-start;
      font-size: 0.85em;
      padding-block: 0.1em;
      padding-inline: 0.6em 0.2em;
      border-radius: 999px;
      background: var(--_surface);
    }
    .chip button {
      border: none;
      background: none;
      padding: 0 0.4em;
    }
    textarea {
      width: 100%;
      resize: none;
      padding: 0.4em 0.6em;
      border: 1px solid var(--_control-border);
      border-radius: calc(var(--_radius) / 2);
      background: var(--_bg);
    }
    .row {
      display: flex;
      gap: 0.6em;
      align-items: center;
      justify-content: flex-end;
    }
    .row .grow {
      flex: 1;
    }
    .send {
      background: var(--_accent);
      color: var(--_on-accent);
      border-color: transparent;
      padding: 0.3em 1em;
      min-width: 5.5em;
    }
    .slow {
      font-size: 0.8em;
      color: var(--_muted);
    }
  `,
];
