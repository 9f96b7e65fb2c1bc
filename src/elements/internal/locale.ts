/**
 * Which language a widget speaks, and its texts in it. English costs nothing: it is the defaults
 * in each `*.strings.ts`, and this eager part only tells English from the rest. For any other
 * language the controller imports the loader chunk (src/locales/load.ts), which sets the
 * direction and imports that language's bundles for the widget: a page pays only for its
 * language.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Bundles } from '../../locales/load.js';

/** The nearest `attr` on `element` or its ancestors, crossing shadow roots via their hosts. */
export function nearest(element: Element, attr: string): string | undefined {
  for (let node: Element | undefined = element; node;) {
    const value = node.closest(`[${attr}]:not([${attr}=""])`)?.getAttribute(attr);
    if (value) return value;
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : undefined;
  }
  return undefined;
}

/**
 * The language `element` speaks: the nearest `lang` (its own, a `<live-room>`'s, the page's),
 * crossing shadow roots; else the browser's.
 */
export function langOf(element: Element): string {
  return nearest(element, 'lang') ?? navigator.language;
}

const controllers = new Set<LocaleController<object>>();
let observer: MutationObserver | undefined;

/** The texts of a widget as a `strings` object of type `T`, in its language. */
export class LocaleController<T extends object> implements ReactiveController {
  /** The language of the widget (a BCP 47 tag), for `Intl` formats. */
  lang = 'en';
  /**
   * The loader's state for this widget: its bundles' texts merged (the `connection` keys it does
   * not use are merely unused), and the sheet that sets `rtl`.
   */
  bundles?: Bundles;
  rtl?: CSSStyleSheet;
  readonly host: ReactiveControllerHost & HTMLElement;
  /** The bundles the widget's texts come from, after the shared `connection`. */
  readonly names: string[];
  #texts?: T;
  #strings?: Partial<T>;
  #merged?: Bundles;

  constructor(host: ReactiveControllerHost & HTMLElement, ...names: string[]) {
    this.host = host;
    this.names = names;
    host.addController(this);
  }

  hostConnected(): void {
    controllers.add(this);
    if (!observer) {
      // One observer for the page: a `lang` or `dir` change anywhere re-checks every widget.
      observer = new MutationObserver(() => controllers.forEach((c) => c.#resolve()));
      observer.observe(document.documentElement, {
        attributes: true,
        attributeFilter: ['lang', 'dir'],
        subtree: true,
      });
    }
    this.#resolve();
  }

  hostDisconnected(): void {
    controllers.delete(this);
  }

  /** English defaults < the `connection` bundle < the widget's bundles < `strings`. */
  texts(defaults: T, strings: Partial<T>): T {
    const { bundles } = this;
    if (!this.#texts || this.#strings !== strings || this.#merged !== bundles) {
      this.#strings = strings;
      this.#merged = bundles;
      this.#texts = { ...defaults, ...bundles, ...strings } as T;
    }
    return this.#texts;
  }

  #resolve(): void {
    const lang = langOf(this.host);
    const changed = lang !== this.lang;
    this.lang = lang;
    if (!/^en\b/i.test(lang) || this.rtl) {
      import('../../locales/load.js').then((loader) => loader.localize(this, lang)).catch(() => {}); // a chunk that failed to load: the widget stays in English
    } else if (changed) {
      this.bundles = undefined;
      this.host.requestUpdate();
    }
  }
}

/**
 * `Intl` formatters in a widget's language (LocaleController's `lang`), made once per language:
 * building one costs far more than formatting with it.
 */
export function formats<F>(make: (lang?: string) => F): (lang: string) => F {
  const made = new Map<string, F>();
  return (lang) => {
    let format = made.get(lang);
    if (!format) {
      try {
        format = make(lang);
      } catch {
        format = make(); // a malformed `lang` attribute: the browser's language
      }
      made.set(lang, format);
    }
    return format;
  };
}
