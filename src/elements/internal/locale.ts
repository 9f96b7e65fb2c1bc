/**
 * Which language a widget speaks, and its texts in it. English costs nothing: it is the defaults
 * in each `*.strings.ts`. For another language the controller imports the loader chunk
 * (src/locales/load.ts), which imports that language's bundles for the widget; a page pays only
 * for the languages it shows.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Bundles } from '../../locales/load.js';

/** Languages with bundles in src/locales/; any other language shows the English defaults. */
const BUNDLED = ['es', 'de', 'fr', 'ja', 'ar'];

/** Right-to-left languages: they imply `dir="rtl"` where no `dir` is set around the widget. */
const RTL = ['ar', 'he', 'fa', 'ur'];

/** The nearest `attr` on `element` or its ancestors, crossing shadow roots via their hosts. */
function nearest(element: Element, attr: string): string | undefined {
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

/** `es-MX` → `es`; a language without bundles → undefined (English). */
export function bundleLanguage(lang: string): string | undefined {
  const primary = lang.toLowerCase().split(/[-_]/)[0];
  return BUNDLED.includes(primary) ? primary : undefined;
}

const controllers = new Set<LocaleController<object>>();
let observer: MutationObserver | undefined;

/** The texts of a widget as a `strings` object of type `T`, in its language. */
export class LocaleController<T extends object> implements ReactiveController {
  /** The language of the widget (a BCP 47 tag), for `Intl` formats. */
  lang = 'en';
  #host: ReactiveControllerHost & HTMLElement;
  #names: string[];
  #bundles?: Bundles;
  #rtl?: CSSStyleSheet;
  #texts?: T;
  #from?: [Partial<T>, Bundles | undefined];

  /** `names` are the bundles the widget's texts come from, after the shared `connection`. */
  constructor(host: ReactiveControllerHost & HTMLElement, ...names: string[]) {
    this.#host = host;
    this.#names = names;
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
    const bundles = this.#bundles;
    if (this.#texts && this.#from?.[0] === strings && this.#from[1] === bundles) return this.#texts;
    const shared = Object.fromEntries(
      Object.entries(bundles?.connection ?? {}).filter(([key]) => key in defaults),
    );
    this.#from = [strings, bundles];
    return (this.#texts = { ...defaults, ...shared, ...bundles?.own, ...strings });
  }

  #resolve(): void {
    const host = this.#host;
    const lang = langOf(host);
    this.#direction(!nearest(host, 'dir') && RTL.includes(lang.toLowerCase().split(/[-_]/)[0]));
    if (lang === this.lang) return;
    this.lang = lang;
    const bundled = bundleLanguage(lang);
    if (!bundled) {
      this.#bundles = undefined;
      host.requestUpdate();
      return;
    }
    import('../../locales/load.js')
      .then((loader) => loader.loadBundles(bundled, this.#names))
      .then((bundles) => {
        if (this.lang !== lang) return; // the language changed again meanwhile
        this.#bundles = bundles;
        host.requestUpdate();
      })
      .catch(() => {}); // a chunk that failed to load: the widget stays in English
  }

  /**
   * A right-to-left language where the page set no `dir`: the widget's shadow content is laid
   * out right to left (an adopted sheet, so the host's attributes stay the page's).
   */
  #direction(rtl: boolean): void {
    const root = this.#host.shadowRoot;
    if (!root || rtl === !!this.#rtl) return;
    if (rtl) {
      this.#rtl = new CSSStyleSheet();
      this.#rtl.replaceSync(':host{direction:rtl;--_flip:-1}');
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.#rtl];
    } else {
      root.adoptedStyleSheets = root.adoptedStyleSheets.filter((sheet) => sheet !== this.#rtl);
      this.#rtl = undefined;
    }
  }
}
