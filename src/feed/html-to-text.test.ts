import { describe, expect, it } from 'vitest';
import { htmlToText } from './html-to-text.js';

describe('htmlToText', () => {
  it('strips tags and decodes entities, including double-encoded ones', () => {
    expect(htmlToText('<p>US &amp; coalition forces&nbsp;said</p>')).toBe(
      'US & coalition forces said',
    );
    expect(htmlToText('Tom &amp;amp; Jerry &amp;lt;3')).toBe('Tom & Jerry <3');
  });

  it('drops script and style text but keeps the words around them', () => {
    expect(
      htmlToText('safe<script>alert("x")</script> text<style>p{color:red}</style>', {
        singleLine: true,
      }),
    ).toBe('safe text');
  });

  it('puts block elements on their own lines and keeps inline words together', () => {
    expect(
      htmlToText('<p>First <b>para</b>graph.</p><ul><li>one</li><li>two</li></ul>line<br>break'),
    ).toBe('First paragraph.\none\ntwo\nline\nbreak');
    expect(htmlToText('<p>a</p>  <p>b</p>', { singleLine: true })).toBe('a b');
  });

  it('folds whitespace and maps stray windows-1252 controls', () => {
    expect(htmlToText('  many \n\n  spaces\t here  ', { singleLine: true })).toBe(
      'many spaces here',
    );
    expect(htmlToText('it\u0092s')).toBe('it’s');
  });
});
