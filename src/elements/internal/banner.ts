/**
 * The connection banner every widget shows above its content while the connection is not open:
 * offline, reconnecting, or closed (with the relay's reason where the widget shows it).
 */
import { html, nothing } from 'lit';
import type { Connection } from '../../connection/index.js';
import { CANNOT_CONNECT } from './strings.js';

/** The banner's texts; a state without a text shows no banner (`unreachable` has a default). */
export interface BannerTexts {
  offline?: string;
  reconnecting?: string;
  unreachable?: string;
  closed?: string;
}

export interface BannerOptions {
  /** When closed, say the relay's reason (the connection's error) before `closed`. */
  reason?: boolean;
  /**
   * Whether the banner is a live region (`role="status"`): true for the one element that
   * announces the connection's changes (see announcer.ts), false for the others, which show
   * the same state without saying it again. Default true.
   */
  announce?: boolean;
}

/**
 * What the banner says now; undefined while the connection is open (or not known yet). While a
 * first connect keeps failing, `unreachable`, not `reconnecting`: nothing was lost.
 */
export function bannerText(
  connection: Connection | undefined,
  texts: BannerTexts,
  options: Pick<BannerOptions, 'reason'> = {},
): string | undefined {
  switch (connection?.$status.get()) {
    case 'offline':
      return texts.offline;
    case 'reconnecting':
      // Never welcomed (no user yet): nothing was lost, the relay cannot be reached yet.
      return connection.$user.get() ? texts.reconnecting : (texts.unreachable ?? CANNOT_CONNECT);
    case 'closed':
      return (options.reason ? connection?.$error.get()?.message : undefined) ?? texts.closed;
  }
  return undefined;
}

/**
 * `part="banner"`, `role="status"` when it announces: nothing while the connection is open (or
 * not known yet).
 */
export function renderBanner(
  connection: Connection | undefined,
  texts: BannerTexts,
  options: BannerOptions = {},
) {
  const text = bannerText(connection, texts, options);
  if (!text) return nothing;
  const role = options.announce === false ? nothing : 'status';
  // The status (`offline`, `reconnecting`, `closed`) is a class too, for styles of one state.
  const classes = `banner ${connection?.$status.get()}`;
  return html`<p part="banner" class=${classes} role=${role}>${text}</p>`;
}
