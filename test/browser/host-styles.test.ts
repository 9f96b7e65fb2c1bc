/**
 * The page's own text styles stay out of the widgets: an app that centres its text (a common
 * `text-align: center` on a stream page's column) still gets left-aligned chat messages, and one
 * that keeps white space (`white-space: pre-wrap` around embedded content) no blank lines.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { defineElements, type LiveChat } from '../../src/index.js';

defineElements();

/** A chat, Q&A, poll and presence bar inside a page element styled with `style`, rendered. */
async function widgetsIn(style: string): Promise<LiveChat[]> {
  const page = await fixture<HTMLElement>(
    html`<div style=${style}>
      <live-chat></live-chat>
      <live-qa></live-qa>
      <live-poll></live-poll>
      <presence-bar></presence-bar>
    </div>`,
  );
  const widgets = [...page.children] as LiveChat[];
  await Promise.all(widgets.map((widget) => widget.updateComplete));
  return widgets;
}

describe('host styles', () => {
  it('sets text-align: start on every widget host, whatever the page says', async () => {
    for (const widget of await widgetsIn('text-align: center')) {
      expect(getComputedStyle(widget).textAlign, widget.localName).to.equal('start');
    }
  });

  it('sets white-space: normal on every widget host: a pre-wrap page adds no blank lines', async () => {
    // The space between the tags of a widget's templates is not text: under the page's pre-wrap
    // it made a blank line above "No poll right now" and moved the presence bar's parts apart.
    for (const widget of await widgetsIn('white-space: pre-wrap')) {
      expect(getComputedStyle(widget).whiteSpace, widget.localName).to.equal('normal');
    }
  });
});
