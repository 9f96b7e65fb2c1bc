/**
 * The page's own text styles stay out of the widgets: an app that centres its text (a common
 * `text-align: center` on a stream page's column) still gets left-aligned chat messages, and one
 * that keeps white space (`white-space: pre-wrap` around embedded content) no blank lines.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { defineElements, type LiveChat } from '../../src/index.js';

defineElements();

describe('host styles', () => {
  it('sets text-align: start on every widget host, whatever the page says', async () => {
    const page = await fixture<HTMLElement>(
      html`<div style="text-align: center">
        <live-chat></live-chat>
        <live-qa></live-qa>
        <live-poll></live-poll>
        <presence-bar></presence-bar>
      </div>`,
    );
    const widgets = [...page.children] as LiveChat[];
    await Promise.all(widgets.map((widget) => widget.updateComplete));
    for (const widget of widgets) {
      expect(getComputedStyle(widget).textAlign, widget.localName).to.equal('start');
    }
  });

  it('sets white-space: normal on every widget host: a pre-wrap page adds no blank lines', async () => {
    // The space between the tags of a widget's templates is not text: under the page's pre-wrap
    // it made a blank line above "No poll right now" and moved the presence bar's parts apart.
    const page = await fixture<HTMLElement>(
      html`<div style="white-space: pre-wrap">
        <live-chat></live-chat>
        <live-qa></live-qa>
        <live-poll></live-poll>
        <presence-bar></presence-bar>
      </div>`,
    );
    const widgets = [...page.children] as LiveChat[];
    await Promise.all(widgets.map((widget) => widget.updateComplete));
    for (const widget of widgets) {
      expect(getComputedStyle(widget).whiteSpace, widget.localName).to.equal('normal');
    }
  });
});
