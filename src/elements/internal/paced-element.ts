import type { PropertyDeclaration } from 'lit';
import { FeatureElement, type FeatureStore } from './feature-element.js';
import { FramePacer } from './frame.js';

/**
 * A feature widget whose renders keep up with a busy room on a slow device: everything that
 * changed during a frame is rendered once, before that frame paints; the store's changes (the
 * relay's events) are further paced by what a render costs ({@link FramePacer}), while a change
 * of the element's own state or properties (a key, a click) renders at the next frame.
 *
 * A render the viewer asked for before the relay's changes are due may leave the parts that show
 * only those as they were ({@link relayDue}): a key press then restyles and lays out the composer,
 * not 200 messages. The relay's changes follow at their own pace, in a render of their own.
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
  /** See {@link relayDue}. */
  private relayDueNow = true;

  override requestUpdate(name?: PropertyKey, oldValue?: unknown, options?: PropertyDeclaration) {
    if (name !== undefined) this.viewerWaits = true;
    else this.relayWaits = true;
    super.requestUpdate(name, oldValue, options);
  }

  /**
   * Whether the render under way may show the relay's changes. False in a render the viewer
   * asked for before they are due: parts that only show the relay's changes may then stay as
   * they were (e.g. behind a `guard`), and another render shows the changes when they are due.
   */
  protected get relayDue(): boolean {
    return this.relayDueNow;
  }

  /** Asks for a render that is the viewer's doing (not the relay's), at the next frame. */
  protected requestViewerUpdate(): void {
    this.viewerWaits = true;
    this.requestUpdate();
  }

  protected override async scheduleUpdate(): Promise<void> {
    await this.#pacer.next(() => this.viewerWaits);
    this.viewerWaits = false;
    this.relayDueNow = this.#pacer.due;
    const relayWaited = this.relayWaits;
    if (this.relayDueNow) this.relayWaits = false;
    await this.#pacer.run(() => super.scheduleUpdate());
    if (!this.relayDueNow && relayWaited) {
      this.relayDueNow = true;
      this.requestUpdate();
    }
  }
}
