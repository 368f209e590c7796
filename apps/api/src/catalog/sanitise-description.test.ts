import { describe, expect, it } from 'vitest';
import { sanitiseDescription } from './sanitise-description.js';

describe('sanitiseDescription', () => {
  it('keeps the formatting a description needs, in Vietnamese', () => {
    const html =
      '<h2>Hoa hồi Văn Quan</h2><p>Hồi <strong>vụ thu</strong>, phơi <em>tự nhiên</em>.</p><ul><li>Túi 500 g</li></ul>';
    expect(sanitiseDescription(html)).toBe(html);
  });

  it('removes scripts, event handlers, styles and embedded content', () => {
    const dirty =
      '<p onclick="steal()" style="color:red">Na <script>alert(1)</script>Chi Lăng</p>' +
      '<iframe src="https://evil.example"></iframe><img src=x onerror=alert(1)><style>p{}</style><svg><circle/></svg>';
    expect(sanitiseDescription(dirty)).toBe('<p>Na Chi Lăng</p>');
  });

  it('neutralises dangerous links and marks the rest as external', () => {
    expect(sanitiseDescription('<a href="javascript:alert(1)">bấm</a>')).toBe(
      '<a rel="nofollow noopener noreferrer" target="_blank">bấm</a>',
    );
    expect(sanitiseDescription('<a href="https://langson.gov.vn" target="_self" rel="opener">Sở</a>')).toBe(
      '<a href="https://langson.gov.vn" target="_blank" rel="nofollow noopener noreferrer">Sở</a>',
    );
    expect(sanitiseDescription('<a href="//evil.example">x</a>')).not.toContain('evil.example');
  });

  it('escapes text rather than interpreting it', () => {
    expect(sanitiseDescription('Giá < 100.000 đ & "ngon"')).toBe('Giá &lt; 100.000 đ &amp; "ngon"');
  });
});
