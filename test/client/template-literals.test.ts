import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { minifyCss } from '../../scripts/template-literals.mjs';

describe('minifyCss', () => {
  it('drops the last `;` of a block and the leading 0 of numbers below 1', () => {
    const css = `
      .a {
        padding: 0.4em 0.8em;
        box-shadow: 0 2px 6px rgb(0 0 0 / 0.2);
        transform: scale(0.5);
      }
      @media (hover: none) {
        .b { opacity: 0.25; }
      }
    `;
    assert.equal(
      minifyCss(css),
      '.a{padding:.4em .8em;box-shadow:0 2px 6px rgb(0 0 0 / .2);transform:scale(.5)}' +
        '@media (hover:none){.b{opacity:.25}}',
    );
  });

  it('keeps numbers of 1 and more, and quoted strings, as written', () => {
    assert.equal(
      minifyCss(`.a { margin: 10.5em 0 20.05em; content: ' 0.5; } '; }`),
      `.a{margin:10.5em 0 20.05em;content:' 0.5; } '}`,
    );
  });
});
