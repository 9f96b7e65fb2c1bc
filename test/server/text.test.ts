/**
 * Text safety (protocol-notes.md: Names, Chat blocked terms): display names lose control, bidi,
 * zero-width and private-use characters; blocked terms match through fullwidth letters,
 * invisible characters, combining marks, case and look-alike letters of other scripts.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as fc from 'fast-check';
import { cleanName, cleanText, containsBlocked, matchKey, matchKeys } from '../../server/text.js';

/** Look-alikes of Latin letters in other scripts, and other ways to write a letter. */
const DISGUISES: Record<string, string[]> = {
  a: ['а', 'α', 'ɑ'],
  c: ['с', 'ϲ'],
  d: ['ԁ'],
  e: ['е'],
  h: ['һ'],
  i: ['і'],
  j: ['ј'],
  m: ['м'],
  o: ['о', 'ο'],
  p: ['р', 'ρ'],
  s: ['ѕ'],
  x: ['х'],
  y: ['у'],
};
/** Characters that hide inside a word: zero-width ones, soft hyphen, bidi controls, marks. */
const HIDDEN = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u2066', '\u202E'];
const MARKS = ['\u0301', '\u0308', '\u0336', '\u034F'];

const fullwidth = (letter: string) => String.fromCodePoint(letter.codePointAt(0)! + 0xfee0);

/** One letter of a term, written some way a reader still takes for it. */
const disguisedLetter = (letter: string) =>
  fc
    .tuple(
      fc.constantFrom(
        letter,
        letter.toUpperCase(),
        fullwidth(letter),
        ...(DISGUISES[letter] ?? []),
      ),
      fc.constantFrom('', ...MARKS),
      fc.constantFrom('', ...HIDDEN),
    )
    .map((parts) => parts.join(''));

const term = fc.string({ unit: fc.constantFrom(...'abcdehijmopsxy'), minLength: 3, maxLength: 8 });

describe('cleanName', () => {
  test('drops bidi overrides and isolates, zero-width characters and the soft hyphen', () => {
    assert.equal(cleanName('\u202EecilA tsoH\u202C', 'Guest'), 'ecilA tsoH');
    assert.equal(cleanName('\u2067Ana\u2069', 'Guest'), 'Ana');
    assert.equal(cleanName('A\u200Bn\u200Da\uFEFF', 'Guest'), 'Ana');
    assert.equal(cleanName('Ana\u00ADbel', 'Guest'), 'Anabel');
  });

  test('drops controls and private use; line breaks and whitespace runs become one space', () => {
    assert.equal(cleanName('Ana\u0000\u0007 \uE000Souza', 'Guest'), 'Ana Souza');
    assert.equal(cleanName('  Ana \n\t Souza\u2028Lima  ', 'Guest'), 'Ana Souza Lima');
  });

  test('clips to 64 code points, emoji counted as one', () => {
    assert.equal(cleanName('🦊'.repeat(70), 'Guest'), '🦊'.repeat(64));
    assert.equal(cleanName(`${'a'.repeat(63)} b`, 'Guest'), 'a'.repeat(63));
  });

  test('falls back when nothing visible is left', () => {
    for (const raw of ['', '   ', '\u200B\u202E', '\u3164', '\uE000', 42, undefined]) {
      assert.equal(cleanName(raw, 'Guest'), 'Guest', JSON.stringify(raw));
    }
  });

  test('keeps letters, marks and emoji of any script', () => {
    for (const name of ['Élodie', 'Zoë', 'Mục', '张伟', 'محمد', 'Ana 🦊']) {
      assert.equal(cleanName(name, 'Guest'), name);
    }
  });

  test('always gives a non-empty, trimmed name of at most 64 code points, nothing invisible', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 100 }), (raw) => {
        const name = cleanName(raw, 'Guest');
        assert.ok(name.length > 0);
        assert.equal(name, name.trim());
        assert.ok([...name].length <= 64);
        assert.doesNotMatch(name, /[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Zl}\p{Zp}]|\s\s/u);
      }),
    );
  });
});

describe('cleanText', () => {
  test('drops controls, bidi controls and invisible formatting; keeps tabs and line breaks', () => {
    assert.equal(cleanText('\u202Egnp.exe\u202C'), 'gnp.exe');
    assert.equal(
      cleanText('\u2067a\u2069\u200Bb\u2060c\uFEFF\u00ADd\u0000\u001B\u007F\u009B'),
      'abcd',
    );
    assert.equal(
      cleanText(' one\ttwo\r\nthree\rfour\u0085five\u2028six\u2029seven '),
      'one\ttwo\nthree\nfour\nfive\nsix\nseven',
    );
  });

  test('a one-line text has spaces for tabs and line breaks', () => {
    assert.equal(cleanText('Red\tor\r\nblue\u2028now', true), 'Red or blue now');
  });

  test('keeps emoji sequences, Persian joiners and the directional marks', () => {
    const scotland = '🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}';
    for (const kept of [
      '👩\u200D💻',
      '❤\uFE0F',
      scotland,
      'می\u200Cخواهم',
      'abc \u200Fשלום\u200E 1',
      'Zoë',
    ]) {
      assert.equal(cleanText(kept), kept);
    }
    assert.equal(cleanText('a\u{E0041}\u{E007F}b'), 'ab', 'stray tag characters');
  });

  test('is null with a lone surrogate, empty when nothing visible is left', () => {
    for (const broken of ['\uD800', 'a\uDC00b', '\uDBFF']) assert.equal(cleanText(broken), null);
    for (const blank of ['', ' \n ', '\u200B\u202E', '\u3164\u115F', '\u200D\uFE0F']) {
      assert.equal(cleanText(blank), '', JSON.stringify(blank));
    }
  });

  test('never keeps a control, bidi control, invisible format character or lone surrogate', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 100 }), fc.boolean(), (raw, oneLine) => {
        const text = cleanText(raw, oneLine);
        if (text === null) return;
        assert.equal(text, text.trim());
        assert.doesNotMatch(
          text,
          /(?![\t\n])\p{Cc}|[\u200B\u202A-\u202E\u2060-\u2069\uFEFF\u2028\u2029]|\p{Cs}/u,
        );
        if (oneLine) assert.doesNotMatch(text, /[\t\n]/);
      }),
    );
  });
});

describe('matchKey', () => {
  test('folds case, fullwidth letters, ligatures and ß', () => {
    assert.equal(matchKey('ＳＰＡＭ'), 'spam');
    assert.equal(matchKey('SpAm'), 'spam');
    assert.equal(matchKey('ﬁsh'), 'fish');
    assert.equal(matchKey('Straße'), matchKey('STRASSE'));
  });

  test('drops zero-width characters, the soft hyphen, bidi controls and combining marks', () => {
    for (const text of [
      'sp\u200Bam',
      'sp\u00ADam',
      's\u0308pam',
      'sp\u2066am\u2069',
      'spa\u034Fm',
    ]) {
      assert.equal(matchKey(text), 'spam', JSON.stringify(text));
    }
    assert.equal(matchKey('naïve café'), 'naive cafe');
  });

  test('maps look-alike letters of other scripts to Latin', () => {
    assert.equal(matchKey('ѕрам'), 'spam');
    assert.equal(matchKey('ЅРАМ'), 'spam');
    assert.equal(matchKey('раураl'), 'paypal');
  });

  test('collapses whitespace and trims', () => {
    assert.equal(matchKey('  bad \t\n word '), 'bad word');
    assert.equal(matchKey('bad\u00A0\u3000word'), 'bad word');
  });

  test('final sigma folds like any sigma', () => {
    assert.equal(matchKey('ΟΔΟΣ'), matchKey('οδοσ'));
    assert.equal(matchKey('οδος'), matchKey('οδοσ'));
  });
});

describe('containsBlocked', () => {
  const keys = matchKeys(['spam']);

  test('catches every disguise of the issue', () => {
    for (const text of [
      'fullwidth ＳＰＡＭ',
      'sp\u200Bam',
      'sp\u00ADam',
      's̈pam',
      'Cyrillic ѕрам',
    ]) {
      assert.ok(containsBlocked(text, keys), JSON.stringify(text));
    }
  });

  test('lets other text through', () => {
    for (const text of ['sp am', 'spa', 'a plain message', '']) {
      assert.equal(containsBlocked(text, keys), false, JSON.stringify(text));
    }
    assert.equal(containsBlocked('spam', []), false);
  });

  test('a term matches however it is disguised, wherever it stands in any text', () => {
    fc.assert(
      fc.property(
        term.chain((word) =>
          fc.tuple(
            fc.constant(word),
            fc.tuple(...[...word].map(disguisedLetter)).map((letters) => letters.join('')),
            fc.string({ unit: 'binary', maxLength: 20 }),
            fc.string({ unit: 'binary', maxLength: 20 }),
          ),
        ),
        ([word, disguised, before, after]) => {
          assert.ok(
            containsBlocked(before + disguised + after, matchKeys([word])),
            `${JSON.stringify(disguised)} in ${JSON.stringify(before + disguised + after)}`,
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('matchKeys', () => {
  test('one key per distinct term; terms with nothing visible are left out', () => {
    assert.deepEqual(matchKeys(['Spam', 'ＳＰＡＭ', ' spam ', 'scam', '\u200B', '\u0301']), [
      'spam',
      'scam',
    ]);
  });
});
