/**
 * Templates of `<live-qa>`'s lists: a question with its vote toggle and host actions, one of the
 * viewer's own (sending, awaiting approval), one in the host's moderation queue, and the hosts'
 * moderation section (the "Hold questions for approval" switch and the queue). Pure
 * functions of a view object, so the element keeps its state and actions in one place. User text
 * only ever goes through text bindings.
 */
import { html, nothing } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import type { QaQuestion, QaQueue, QaSettings } from '../../features/qa.js';
import type { User } from '../../protocol/index.js';
import type { QaModerateAction } from './live-qa.events.js';
import { formats } from '../internal/locale.js';
import type { QaStrings } from './live-qa.strings.js';

/** What the templates need to know about the viewer, computed once per render. */
export interface QuestionView {
  t: QaStrings;
  /** The widget's language, for the times. */
  lang: string;
  me: User | null | undefined;
  /** The viewer is a host or moderator. */
  staff: boolean;
  /** Relay time now (ms), for "3 min ago". */
  now: number;
  myVotes: ReadonlySet<string>;
  /** Ids of the questions I asked here: the relay names no anonymous asker, not even to me. */
  asked: ReadonlySet<string>;
  vote(question: QaQuestion, voted: boolean): void;
  moderate(question: QaQuestion, action: QaModerateAction): void;
}

/** Where a question is shown: the room's lists, my own awaiting approval, the host's queue. */
export type QuestionPlace = 'list' | 'mine' | 'queue';

/** A question on its way to the relay (maybe waiting in the outbox for the connection). */
export interface SendingQuestion {
  /** This page's count of asks, or the `mid` of one asked before a reload. */
  key: number | string;
  text: string;
  anonymous: boolean;
}

const MINUTE_MS = 60_000;
const MINUTES_PER_HOUR = 60;
const timeFormat = formats((lang) => new Intl.DateTimeFormat(lang, { timeStyle: 'short' }));

/**
 * A question rendered again only when something it shows changed: a frame with a vote on one of
 * 1,000 questions does not rebuild (and diff) the other 999.
 */
export function renderQuestionOnce(question: QaQuestion, view: QuestionView, place: QuestionPlace) {
  const deps = [
    question,
    place,
    view.t,
    view.lang,
    view.me?.id,
    view.staff,
    view.myVotes.has(question.id),
    view.asked.has(question.id),
    ago(view.t, question.ts, view.now),
  ];
  return guard(deps, () => renderQuestion(question, view, place));
}

export function renderQuestion(question: QaQuestion, view: QuestionView, place: QuestionPlace) {
  const { t } = view;
  const { id, status } = question;
  const asker = askerOf(question, view);
  return html`<li part="question" class="question ${status}" data-id=${id}>
    ${place === 'list' ? renderVotes(question, view) : nothing}
    <div class="body">
      <p dir="auto" part="text" class="text" id="text-${id}">${question.text}</p>
      <div class="meta">
        <span part="asker" class="asker">${asker}</span>
        <time
          datetime=${new Date(question.ts).toISOString()}
          title=${timeFormat(view.lang).format(question.ts)}
          >${ago(t, question.ts, view.now)}</time
        >
        ${renderBadge(question, place, t)}
      </div>
      ${renderActions(question, view, place, asker)}
    </div>
  </li>`;
}

/** One of mine that has not reached the list yet: text, my name and "sending…". */
export function renderSending(entry: SendingQuestion, view: QuestionView) {
  const { t } = view;
  const name = entry.anonymous ? t.anonymous : (view.me?.name ?? '');
  return html`<li part="question" class="question sending" data-sending>
    <div class="body">
      <p dir="auto" part="text" class="text">${entry.text}</p>
      <div class="meta">
        <span part="asker" class="asker">${t.you(name)}</span>
        <span part="badge" class="badge">${t.sending}</span>
      </div>
    </div>
  </li>`;
}

/** The upvote toggle of an open question; a count alone once it is answered or hidden. */
function renderVotes(question: QaQuestion, view: QuestionView) {
  const { t } = view;
  const count = html`<span part="votes" class="count" aria-hidden="true"
    >${t.votes(question.votes)}</span
  >`;
  if (question.status !== 'visible' && question.status !== 'pinned') {
    return html`<span class="votes static"
      >${count}<span class="visually-hidden">${t.votesLabel(question.votes)}</span></span
    >`;
  }
  const voted = view.myVotes.has(question.id);
  return html`<button
    part="upvote"
    class="votes"
    type="button"
    data-action="vote"
    aria-pressed=${voted ? 'true' : 'false'}
    aria-label=${t.upvote(question.votes)}
    aria-describedby="text-${question.id}"
    @click=${() => view.vote(question, !voted)}
  >
    <span class="arrow" aria-hidden="true">▲</span>${count}
  </button>`;
}

function renderBadge(question: QaQuestion, place: QuestionPlace, t: QaStrings) {
  let text = '';
  if (place === 'mine') text = question.status === 'hidden' ? t.notApproved : t.awaitingApproval;
  else if (place === 'list' && question.status === 'hidden') text = t.hidden;
  return text ? html`<span part="badge" class="badge ${question.status}">${text}</span>` : nothing;
}

/** Hosts' buttons: approve / reject in the queue, else every status the question is not in. */
function renderActions(
  question: QaQuestion,
  view: QuestionView,
  place: QuestionPlace,
  asker: string,
) {
  const { t, staff } = view;
  if (!staff || place === 'mine') return nothing;
  const actions: [QaModerateAction, string][] =
    place === 'queue'
      ? [
          ['approve', t.approve],
          ['reject', t.reject],
        ]
      : (
          [
            ['pin', t.pin, 'pinned'],
            ['answer', t.markAnswered, 'answered'],
            ['hide', t.hide, 'hidden'],
          ] as const
        )
          .filter(([, , status]) => question.status !== status)
          .map(([action, label]) => [action, label]);
  return html`<div part="actions" class="actions" role="group" aria-label=${t.actionsFor(asker)}>
    ${actions.map(
      ([action, label]) =>
        html`<button
          type="button"
          class=${action === 'hide' || action === 'reject' ? 'danger' : ''}
          data-action=${action}
          @click=${() => view.moderate(question, action)}
        >
          ${label}
        </button>`,
    )}
  </div>`;
}

function askerOf(question: QaQuestion, view: QuestionView): string {
  const { t } = view;
  const name = question.anonymous || !question.user ? t.anonymous : question.user.name;
  const mine = view.asked.has(question.id) || (!!view.me && question.user?.id === view.me.id);
  return mine ? t.you(name) : name;
}

function ago(t: QaStrings, ts: number, now: number): string {
  const minutes = Math.floor((now - ts) / MINUTE_MS);
  if (minutes < 1) return t.justNow;
  if (minutes < MINUTES_PER_HOUR) return t.minutesAgo(minutes);
  return t.hoursAgo(Math.floor(minutes / MINUTES_PER_HOUR));
}

// ------------------------------------------------ the hosts' moderation section

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
    <h2 id="moderation-label" class="label" tabindex="-1">${t.moderation}</h2>
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
