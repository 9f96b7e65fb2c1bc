/**
 * Word-cloud normalisation (protocol-notes.md, Polls): lower case, NFKC, split on anything but
 * letters, digits and apostrophes; words under 3 letters, English stop words and words containing
 * a blocked term dropped; each word once per answer.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { normaliseWords } from '../../server/features/words.js';
import { matchKeys } from '../../server/text.js';

describe('normaliseWords', () => {
  test('"The CATS!", "cats" and "Cats." are the same word', () => {
    for (const answer of ['The CATS!', 'cats', 'Cats.']) {
      assert.deepEqual(normaliseWords(answer), ['cats'], answer);
    }
  });

  test('applies NFKC before lower-casing: full-width letters and ligatures', () => {
    assert.deepEqual(normaliseWords('ＣＡＴＳ'), ['cats']);
    assert.deepEqual(normaliseWords('ﬁsh'), ['fish']);
  });

  test('splits on anything but letters, digits and apostrophes', () => {
    assert.deepEqual(normaliseWords('rock-n-roll/jazz_blues, covid19'), [
      'rock',
      'roll',
      'jazz',
      'blues',
      'covid19',
    ]);
    assert.deepEqual(normaliseWords('🔥🔥fire🔥'), ['fire']);
  });

  test('keeps letters of every script', () => {
    assert.deepEqual(normaliseWords('Naïve CAFÉ, Привет мир'), ['naïve', 'café', 'привет', 'мир']);
  });

  test('drops words under 3 letters and keeps words of 3', () => {
    assert.deepEqual(normaliseWords('go ai x cat'), ['cat']);
    assert.deepEqual(normaliseWords("o'k"), [], 'apostrophes are not letters');
  });

  test('drops English stop words', () => {
    assert.deepEqual(normaliseWords('The and with because should'), []);
    assert.deepEqual(normaliseWords('What about the weather'), ['weather']);
  });

  test('treats curly apostrophes as straight ones and strips quotes around a word', () => {
    assert.deepEqual(normaliseWords('The dog’s bone'), ["dog's", 'bone']);
    assert.deepEqual(normaliseWords("'quoted'"), ['quoted']);
    assert.deepEqual(normaliseWords("don’t DON'T"), [], "don't is a stop word in either spelling");
  });

  test('counts each word once per answer, in order of appearance', () => {
    assert.deepEqual(normaliseWords('dogs cats DOGS Cats dogs'), ['dogs', 'cats']);
  });

  test('drops words that contain a blocked term', () => {
    assert.deepEqual(normaliseWords('Darned good cats', ['darn']), ['good', 'cats']);
    assert.deepEqual(normaliseWords('darn heckling', ['darn', 'heck']), []);
  });

  test('drops words that contain a blocked term in disguise', () => {
    const keys = matchKeys(['Spam']);
    for (const disguise of ['ＳＰＡＭ', 'sp\u200Bam', 'sp\u00ADam', 's\u0308pam', 'ѕрам']) {
      assert.deepEqual(
        normaliseWords(`${disguise}mers love cats`, keys),
        ['love', 'cats'],
        disguise,
      );
    }
  });

  test('invisible characters do not split a word; combining marks stay in it', () => {
    assert.deepEqual(normaliseWords('ca\u200Bts and do\u00ADgs'), ['cats', 'dogs']);
    assert.deepEqual(normaliseWords('zoe\u0308 s\u0308un'), ['zoë', 's\u0308un']);
  });

  test('an answer of nothing but punctuation, short words or stop words keeps no word', () => {
    assert.deepEqual(normaliseWords('!!! ... ???'), []);
    assert.deepEqual(normaliseWords(''), []);
  });
});
