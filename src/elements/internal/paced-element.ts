import type { PropertyDeclaration } from 'lit';
import { FeatureElement, type FeatureStore } from './feature-element.js';
import { FramePacer } from './frame.js';

/**
 * A feature widget whose renders keep up with a busy room on a slow device: everything that
 * changed during a frame is rendered once, before that frame paints; the store's changes (the
 * relay's events) are further paced by what a render costs ({@link FramePacer}), while a change
 * of the element's own state or properties (a key, a click) renders at the next frame.
 *
 * A render the viewer asked for may leave the parts that show only the relay's changes as they
 * were (e.g. behind a `guard`): a key press then restyles and lays out the composer, not 200
 * messages, and paints at once. The relay's changes follow in a render of their own, at their
 * pace (the next frame at the soonest).
 */
export abstract class PacedFeatureElement<S extends FeatureStore> extends FeatureElement<S> {
  #pacer = new FramePacer();
  /**
   * A change of the element's own state waits to be rendered. Not a `#private` field: Lit calls
   * `requestUpdate` from its constructor, before those exist.
   */
  private viewerWaits = false;
  /** A change of a store (the relay's doing) waits to be rendered. */
  private relayWaits = false;
  override requestUpdate(name?: PropertyKey, oldValue?: unknown, options?: PropertyDeclaration) {
    if (name !== undefined) this.viewerWaits = true;
    else this.relayWaits = true;
    super.requestUpdate(name, oldValue, options);
  }

  /** Asks for a render that is the viewer's doing (not the relay's), at the next frame. */
  protected requestViewerUpdate(): void {
    this.viewerWaits = true;
    this.requestUpdate();
  }

  protected override async scheduleUpdate(): Promise<void> {
    await this.#pacer.next(() => this.viewerWaits);
    const viewers = this.viewerWaits;
    const relay = this.relayWaits;
    this.viewerWaits = this.relayWaits = false;
    await this.#pacer.run(() => super.scheduleUpdate());
    // The viewer's render may have left the relay's changes out: they get a render of their own.
    if (viewers && relay) this.requestUpdate();
  }
}
