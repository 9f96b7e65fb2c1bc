/**
 * The base of the events the widgets fire on user action: they bubble out of shadow roots and,
 * unless a subclass passes other options, can be cancelled (`preventDefault()` stops the widget
 * from acting: to confirm first, or to handle it yourself). A subclass names its event in a
 * static `eventName`.
 */
export class LiveEvent<D> extends Event {
  /** The event's type, e.g. `live-vote`. */
  static readonly eventName: string;

  constructor(
    readonly detail: D,
    init: EventInit = { bubbles: true, composed: true, cancelable: true },
  ) {
    super((new.target as typeof LiveEvent).eventName, init);
  }
}
