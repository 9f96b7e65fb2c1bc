/**
 * `<live-chat>`'s report form: a reason from the relay's fixed set and an optional note, and
 * the thanks once sent. In a chunk of its own, loaded on the first press of "Report", with its
 * styles: most viewers never report, and the chat's page is at its size budget.
 */
import { html } from 'lit';
import {
  REPORT_REASONS,
  REVIEW_LIMITS,
  type ChatMessage,
  type ReportReason,
} from '../../protocol/index.js';
import type { ChatReportStrings, ChatStrings } from './live-chat.strings.js';

export const defaultChatReportStrings: ChatReportStrings = {
  reportTitle: (name) => `Report ${name}’s message`,
  reportReason: 'Why?',
  reportReasons: {
    spam: 'Spam or scam',
    harassment: 'Harassment or bullying',
    hate: 'Hate speech',
    sexual: 'Sexual content',
    other: 'Something else',
  },
  reportNote: 'Add a note for the moderators (optional)',
  reportSend: 'Send report',
  reportCancel: 'Cancel',
  reportSent: 'Thanks — the moderators will look at it.',
};

/** The widget's texts with the report form's defaults under them. */
const textsOf = (text: ChatStrings): ChatReportStrings => ({
  ...defaultChatReportStrings,
  ...Object.fromEntries(Object.entries(text).filter(([, value]) => value !== undefined)),
});

export interface ReportActions {
  send(reason: ReportReason, note: string): void;
  cancel(): void;
}

export function renderReportForm(message: ChatMessage, text: ChatStrings, actions: ReportActions) {
  const t = textsOf(text);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const reason = REPORT_REASONS.find((known) => known === form.get('reason')) ?? 'other';
    actions.send(reason, String(form.get('note') ?? '').trim());
  };
  const keydown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    actions.cancel();
  };
  return html`<style>
      .report,
      .report form {
        display: grid;
        gap: 0.4em;
      }
      .report {
        margin: 0 0.6em;
        padding: 0.6em;
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        background: var(--_surface);
      }
      .report-title {
        margin: 0;
        font-weight: 600;
      }
      .report fieldset {
        display: grid;
        gap: 0.2em;
        margin: 0;
        padding: 0;
        border: 0;
      }
      .report legend {
        padding: 0;
        color: var(--_muted);
      }
      .report-buttons {
        display: flex;
        gap: 0.4em;
      }
    </style>
    <div
      part="report"
      class="report"
      role="dialog"
      aria-label=${t.reportTitle(message.user.name)}
      @keydown=${keydown}
    >
      <form @submit=${submit}>
        <p class="report-title">${t.reportTitle(message.user.name)}</p>
        <fieldset>
          <legend>${t.reportReason}</legend>
          ${REPORT_REASONS.map(
            (reason, i) =>
              html`<label
                ><input type="radio" name="reason" value=${reason} ?checked=${i === 0} />
                ${t.reportReasons[reason]}</label
              >`,
          )}
        </fieldset>
        <input
          name="note"
          type="text"
          maxlength=${REVIEW_LIMITS.reportNoteMax}
          aria-label=${t.reportNote}
          placeholder=${t.reportNote}
        />
        <div class="report-buttons">
          <button type="submit" data-action="send-report">${t.reportSend}</button>
          <button type="button" data-action="cancel-report" @click=${actions.cancel}>
            ${t.reportCancel}
          </button>
        </div>
      </form>
    </div>`;
}

export function renderReportSent(text: ChatStrings) {
  return html`<p part="report-sent" class="notice" role="status">${textsOf(text).reportSent}</p>`;
}
