/**
 * The hosts' moderation section of `<live-qa>`: the "Hold questions for approval" switch and the
 * queue of questions waiting, each with Approve and Reject.
 */
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import type { QaQueue, QaSettings } from '../../features/qa.js';
import { renderQuestion, type QuestionView } from './live-qa.parts.js';

export function renderModeration(
  settings: QaSettings,
  queue: QaQueue | null,
  view: QuestionView,
  setModeration: (on: boolean) => void,
) {
  const { t } = view;
  const count = queue?.count ?? 0;
  const shown = queue?.questions ?? [];
  return html`<section part="moderation" class="moderation" aria-labelledby="moderation-label">
    <h3 id="moderation-label" class="label">${t.moderation}</h3>
    <label class="check">
      <input
        part="hold"
        type="checkbox"
        role="switch"
        .checked=${live(settings.moderation)}
        @change=${(event: Event) => setModeration((event.target as HTMLInputElement).checked)}
      />
      ${t.holdForApproval}
    </label>
    ${
      settings.moderation || count > 0
        ? html`<p part="queue-count" class="note" role="status">
            ${count > 0 ? t.queue(count) : t.queueEmpty}
          </p>`
        : nothing
    }
    ${
      shown.length > 0
        ? html`<ul part="queue" class="list" aria-label=${t.queue(count)}>
            ${repeat(
              shown,
              (question) => question.id,
              (question) => renderQuestion(question, view, 'queue'),
            )}
          </ul>`
        : nothing
    }
    ${count > shown.length ? html`<p class="note">${t.queueMore(shown.length, count)}</p>` : nothing}
  </section>`;
}
