/**
 * Minifies the text of Lit's `css` and `html` tagged templates in JavaScript: no bundler looks
 * inside a template literal, so without this every widget ships its styles and markup as written,
 * indentation and comments included. Used by the script-tag build (vite.config.ts, after
 * TypeScript is stripped) and by the package build (scripts/build-kit.mjs, on tsc's output).
 *
 * - `css` literals without `${…}`: comments go, runs of whitespace become one space, and the
 *   spaces beside `{`, `}`, `;` and `,` and after `:` go, as do the `;` before a `}` and the `0`
 *   of a number below 1 (`0.8em` → `.8em`). Quoted strings (`content: ' · '`) are kept as they
 *   are, and so is any space that can change a selector (`a :hover`, `a > b`).
 * - `html` literals: a run of whitespace with a line break in it becomes one space. The browser
 *   renders both alike (white-space collapses), except inside `pre`-like white-space, where no
 *   template of the kit puts a line break; bindings and attribute values keep their meaning.
 */
import { parseAst } from 'vite';

/** A quoted CSS string, kept whole. */
const QUOTED = /('[^'\n]*'|"[^"\n]*")/;

/** One stylesheet's text, minified as described above. */
export function minifyCss(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split(QUOTED)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part
            .replace(/\s+/g, ' ')
            .replace(/ ?([{};,]) ?/g, '$1')
            .replace(/: /g, ':')
            .replace(/;}/g, '}')
            .replace(/([\s:,(])0\.(\d)/g, '$1.$2'),
    )
    .join('')
    .trim();
}

/** A piece of an `html` template, its line breaks and indentation as one space. */
export function minifyHtml(text) {
  return text.replace(/\s*\n\s*/g, ' ');
}

/** `code` (JavaScript) with the text of every `css` and `html` literal minified. */
export function minifyTemplateLiterals(code) {
  // tsc writes a space between the tag and the literal.
  if (!/\b(css|html) ?`/.test(code)) return code;
  const edits = [];
  visit(parseAst(code), (node) => {
    if (node.type !== 'TaggedTemplateExpression' || node.tag.type !== 'Identifier') return;
    const { quasis } = node.quasi;
    if (node.tag.name === 'css' && quasis.length === 1) {
      edits.push([quasis[0].start, quasis[0].end, minifyCss(quasis[0].value.raw)]);
    } else if (node.tag.name === 'html') {
      for (const quasi of quasis) edits.push([quasi.start, quasi.end, minifyHtml(quasi.value.raw)]);
    }
  });
  let out = code;
  for (const [start, end, text] of edits.sort((a, b) => b[0] - a[0])) {
    out = out.slice(0, start) + text + out.slice(end);
  }
  return out;
}

/** Calls `enter` on every node of an ESTree AST. */
function visit(node, enter) {
  if (!node || typeof node.type !== 'string') return;
  enter(node);
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) for (const item of value) visit(item, enter);
    else if (value && typeof value === 'object' && typeof value.type === 'string') {
      visit(value, enter);
    }
  }
}

/** The same as a Vite plugin, for builds only (the dev server and tests keep the text as written). */
export function templateLiterals() {
  return {
    name: 'hubbub:template-literals',
    apply: 'build',
    enforce: 'post',
    transform(code, id) {
      if (!/[\\/]src[\\/].*\.ts$/.test(id)) return null;
      const out = minifyTemplateLiterals(code);
      return out === code ? null : { code: out, map: null };
    },
  };
}
