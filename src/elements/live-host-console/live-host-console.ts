import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { isStaff } from '../../protocol/index.js';
import { LiveHostExportEvent, LiveHostTabChangeEvent } from './live-host-console.events.js';
import { defaultHostConsoleStrings, type HostConsoleStrings } from './live-host-console.strings.js';
import { liveHostConsoleStyles } from './live-host-console.styles.js';
import {
  HOST_EXPORTS,
  HOST_TABS,
  exportQuery,
  parseTabs,
  tabIndexForKey,
  type HostExport,
  type HostTab,
} from './live-host-console.parts.js';
import { download, relayHttpOrigin } from '../internal/download.js';
import { RoomElement } from '../internal/feature-element.js';
import type { RoomContext } from '../internal/room-context.js';
import { RoomProvider } from '../internal/room-provider.js';
import { LocaleController } from '../internal/locale.js';
import type { LiveRoom } from '../live-room/live-room.js';

/** Defaults of `<live-host-console>`, in one place. */
export const LIVE_HOST_CONSOLE_DEFAULTS = {
  /** The panels, in order, when the `tabs` attribute names none. */
  tabs: HOST_TABS as readonly HostTab[],
  /**
   * The feature channel held until the relay says who the viewer is (a socket opens only for a
   * channel, and non-hosts get no panels to open one): the one with the smallest snapshot.
   */
  probeFeature: 'reactions',
};

/** What each tab holds: the widgets, which find the room through the console's context. */
const PANELS: Record<HostTab, () => unknown> = {
  polls: () => html`<live-poll-editor part="poll-editor"></live-poll-editor>`,
  quiz: () => html`<live-quiz-host part="quiz-host"></live-quiz-host>`,
  chat: () =>
    html`<live-chat-moderation part="chat-moderation" no-shield></live-chat-moderation>
      <live-chat part="chat" no-slow-mode></live-chat>`,
  qa: () => html`<live-qa part="qa"></live-qa>`,
  reactions: () => html`<live-reactions part="reactions"></live-reactions>`,
  review: () => html`<live-review-queue part="review"></live-review-queue>`,
};

/**
 * Everything hosts and moderators run in a room, in one place: tabs for polls
 * (`<live-poll-editor>`), the quiz (`<live-quiz-host>`), chat moderation
 * (`<live-chat-moderation>` beside a `<live-chat>` for inline delete, pin and ban), Q&A
 * (`<live-qa>`), reactions (`<live-reactions>` with its emoji editor) and the review queue
 * (`<live-review-queue>`: held messages, reports, questions awaiting approval), under a header with
 * the room's presence and the connection status, and an Export menu that downloads the room's
 * chat, poll and quiz results, Q&A and moderation log (CSV) or all of it (JSON) from the relay,
 * with the host's token in the request's `Authorization` header. Viewers who are not hosts or
 * moderators get a short note and no controls (the relay would refuse them anyway).
 *
 * Put it inside a `<live-room>`, or give it `server`, `room` and a host's `token` itself; the
 * panels share its connection either way. A panel's widget is created when its tab is first
 * shown and kept afterwards, so drafts survive switching tabs.
 *
 * @tag live-host-console
 * @summary Tabs for polls, quiz, chat moderation, Q&A, reactions and review, for hosts.
 *
 * @fires live-host-tab-change - {@link LiveHostTabChangeEvent} The user switches tabs.
 * @fires live-host-export - {@link LiveHostExportEvent} A download the user asked for is saved.
 *
 * @csspart header - The row with the presence bar and the connection status.
 * @csspart presence - The `<presence-bar>` of the header.
 * @csspart status - The connection status (also the status name, e.g. `open`, as a class).
 * @csspart banner - The offline / reconnecting / disconnected banner.
 * @csspart loading - The state before the relay has said who the viewer is.
 * @csspart hosts-only - The note shown to viewers who are not hosts or moderators.
 * @csspart tabs - The tab list.
 * @csspart tab - One tab (also `selected` on the current one).
 * @csspart panel - One tab panel.
 * @csspart poll-editor - The Polls panel's `<live-poll-editor>`.
 * @csspart quiz-host - The Quiz panel's `<live-quiz-host>`.
 * @csspart chat-moderation - The Chat panel's `<live-chat-moderation>`.
 * @csspart shield - The Shield toggle in the header (a `<live-chat-moderation shield-only>`),
 *   visible whichever tab is open.
 * @csspart chat - The Chat panel's `<live-chat>`.
 * @csspart qa - The Q&A panel's `<live-qa>`.
 * @csspart reactions - The Reactions panel's `<live-reactions>`.
 * @csspart export - The Export menu (a `<details>`).
 * @csspart export-button - One download's button.
 * @csspart export-status - What the last download is doing, or why it failed.
 * @csspart review - The Review panel's `<live-review-queue>`.
 *
 * @cssprop [--hubbub-font-family=system-ui, sans-serif] - Font.
 * @cssprop [--hubbub-font-size=14px] - Base font size.
 * @cssprop [--hubbub-color-text=#1b1d22] - Text color.
 * @cssprop [--hubbub-color-muted=#5c6270] - Unselected tabs, states.
 * @cssprop [--hubbub-color-bg=#ffffff] - Background.
 * @cssprop [--hubbub-color-border=#d5d9e2] - Borders.
 * @cssprop [--hubbub-color-accent=#2a5bd7] - The selected tab, the "connected" dot.
 * @cssprop [--hubbub-color-danger=#b3261e] - The "disconnected" dot.
 * @cssprop [--hubbub-color-warning=#fff4d6] - Banner background.
 * @cssprop [--hubbub-radius=8px] - Corner radius.
 * @cssprop [--hubbub-focus-ring=#1a73e8] - Keyboard focus outline.
 */
export class LiveHostConsole extends RoomElement {
  static override styles = liveHostConsoleStyles;

  /** The panels and their order, e.g. `"chat qa polls"` (`polls quiz chat qa reactions`). */
  @property() tabs?: string;

  /** The tab shown (the first one when unset or unknown); the user's choice sets it. */
  @property({ attribute: 'active-tab' }) activeTab?: HostTab;

  /** Replaces some or all of the console's own English texts, e.g. `{ loading: '…' }`. */
  @property({ attribute: false }) strings: Partial<HostConsoleStrings> = {};
  #locale = new LocaleController<HostConsoleStrings>(this, 'live-host-console');

  /** The panels below find the room here, whether it came from attributes or a `<live-room>`. */
  #provider = new RoomProvider(this);
  #text: HostConsoleStrings = defaultHostConsoleStrings;
  #tabs: HostTab[] = [...LIVE_HOST_CONSOLE_DEFAULTS.tabs];
  /** Tabs shown at least once: their widgets stay, hidden, so nothing typed is lost. */
  #visited = new Set<HostTab>();
  /** Releases the probe channel (see `probeFeature`). */
  #probe?: () => void;
  /** The download being prepared, and what the last one came to (a failure's text). */
  @state() private exportBusy: HostExport | null = null;
  @state() private exportStatus = '';

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#releaseProbe();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.#text = this.#locale.texts(defaultHostConsoleStrings, this.strings);
    if (changed.has('tabs')) this.#tabs = parseTabs(this.tabs, LIVE_HOST_CONSOLE_DEFAULTS.tabs);
    super.willUpdate(changed);
    const room = this.currentRoom;
    if (room && !room.connection.$user.get()) {
      const channel = `${room.room}/${LIVE_HOST_CONSOLE_DEFAULTS.probeFeature}`;
      this.#probe ??= room.connection.channel(channel, {});
    } else this.#releaseProbe();
    this.#visited.add(this.#active());
  }

  protected override render() {
    const t = this.#text;
    const connection = this.connection;
    const user = connection?.$user.get();
    if (!user) {
      return html`${this.#renderBanner()}
        <p part="loading" class="state" role="status" aria-busy="true">${t.loading}</p>`;
    }
    if (!isStaff(user)) return html`<p part="hosts-only" class="state">${t.hostsOnly}</p>`;
    const status = connection!.$status.get();
    const active = this.#active();
    return html`
      <header part="header" class="header">
        <presence-bar part="presence" no-enter></presence-bar>
        <span part="status" class="status ${status}">${t.status[status]}</span>
        <live-chat-moderation part="shield" shield-only></live-chat-moderation>
      </header>
      ${this.#renderBanner()}
      <div
        part="tabs"
        class="tabs"
        role="tablist"
        aria-label=${t.console}
        @keydown=${this.#onKeydown}
      >
        ${this.#tabs.map(
          (tab) =>
            html`<button
              part=${tab === active ? 'tab selected' : 'tab'}
              class="tab"
              type="button"
              role="tab"
              id="tab-${tab}"
              aria-controls="panel-${tab}"
              aria-selected=${tab === active ? 'true' : 'false'}
              tabindex=${tab === active ? '0' : '-1'}
              @click=${() => this.#select(tab)}
            >
              ${t.tabs[tab]}
            </button>`,
        )}
      </div>
      ${repeat(
        this.#tabs,
        (tab) => tab,
        (tab) =>
          html`<div
            part="panel"
            class="panel ${tab}"
            role="tabpanel"
            id="panel-${tab}"
            aria-labelledby="tab-${tab}"
            tabindex="0"
            ?hidden=${tab !== active}
          >
            ${this.#visited.has(tab) ? PANELS[tab]() : nothing}
          </div>`,
      )}
      ${this.#renderExport()}
    `;
  }

  #renderExport() {
    const t = this.#text;
    return html`<details part="export" class="export">
      <summary>${t.exportMenu}</summary>
      <div class="export-buttons">
        ${HOST_EXPORTS.map(
          (which) =>
            html`<button
              part="export-button"
              class="export-button"
              type="button"
              data-export=${which}
              aria-disabled=${this.exportBusy !== null ? 'true' : nothing}
              @click=${() => void this.#export(which)}
            >
              ${t.exports[which]}
            </button>`,
        )}
      </div>
      <p part="export-status" class="export-status" role="status">${this.exportStatus}</p>
    </details>`;
  }

  /**
   * Fetches one export and saves it. The token is the console's own or its `<live-room>`'s (a
   * property, as pages set it, or the attribute): the connection keeps its token to itself.
   */
  async #export(which: HostExport) {
    if (this.exportBusy !== null) return; // aria-disabled while busy: the button keeps the focus
    const t = this.#text;
    const room = this.currentRoom;
    const token = this.token ?? this.closest<LiveRoom>('live-room')?.token;
    if (!room || !token) {
      this.exportStatus = t.exportNoToken;
      return;
    }
    this.exportBusy = which;
    this.exportStatus = t.exporting;
    try {
      const origin = relayHttpOrigin(room.connection.urls[0]);
      const url = `${origin}/api/v1/rooms/${encodeURIComponent(room.room)}/export?${exportQuery(which)}`;
      const file = await download(url, token, `hubbub-${room.room}-${which}`);
      this.exportStatus = '';
      this.dispatchEvent(new LiveHostExportEvent({ export: which, file }));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.exportStatus = t.exportFailed.replace('{reason}', reason);
    } finally {
      this.exportBusy = null;
    }
  }

  #renderBanner() {
    return this.renderBanner(this.#text, { reason: true });
  }

  protected override roomChanged(room: RoomContext | undefined): void {
    this.#releaseProbe();
    this.#provider.setValue(room);
    super.roomChanged(room);
  }

  #releaseProbe() {
    this.#probe?.();
    this.#probe = undefined;
  }

  #active(): HostTab {
    const tab = this.activeTab;
    return tab && this.#tabs.includes(tab) ? tab : this.#tabs[0];
  }

  #onKeydown(event: KeyboardEvent) {
    const tabs = this.#tabs;
    const index = tabIndexForKey(event.key, tabs.indexOf(this.#active()), tabs.length);
    if (index < 0) return;
    event.preventDefault();
    void this.#select(tabs[index], true);
  }

  async #select(tab: HostTab, focus = false) {
    const previous = this.#active();
    if (tab !== previous) {
      this.activeTab = tab;
      this.dispatchEvent(new LiveHostTabChangeEvent({ tab, previous }));
    }
    if (!focus) return;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#tab-${tab}`)?.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'live-host-console': LiveHostConsole;
  }
}
