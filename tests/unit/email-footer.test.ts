import { describe, expect, it } from 'vitest';
import { withFooter } from '../../shared/campaigns/email-footer.ts';

const email = { subject: 'Đối tác', text: 'Chào Lan', html: '<p>Chào Lan</p>' };
const organisation = { name: 'Hiệp hội <Demo>', postalAddress: '1 Example Street, Moscow' };
const unsubscribeUrl = 'https://crm.example/unsubscribe/A.B.c?x=1&y=2';

describe('the footer every campaign email gets', () => {
  it('labels the subject [QC] for a recipient in Vietnam (Decree 91/2020/ND-CP), once', () => {
    const options = { language: 'vi' as const, organisation, unsubscribeUrl, inVietnam: true };
    expect(withFooter(email, options).subject).toBe('[QC] Đối tác');
    expect(withFooter({ ...email, subject: '[QC] Đã gắn nhãn' }, options).subject).toBe('[QC] Đã gắn nhãn');
    expect(withFooter(email, { ...options, inVietnam: false }).subject).toBe('Đối tác');
  });

  it('names the sender and ends with the unsubscribe link, in the recipient’s language, text and HTML', () => {
    const vi = withFooter(email, { language: 'vi', organisation, unsubscribeUrl, inVietnam: true });
    expect(vi.text).toBe(
      'Chào Lan\n\n-- \nHiệp hội <Demo>, 1 Example Street, Moscow\n' +
        `Để ngừng nhận các email này, hãy hủy đăng ký tại: ${unsubscribeUrl}\n`,
    );
    expect(vi.html).toContain(
      '<p>Chào Lan</p>\n<hr>\n<p>Hiệp hội &lt;Demo&gt;, 1 Example Street, Moscow<br>',
    );
    expect(vi.html).toContain(
      '<a href="https://crm.example/unsubscribe/A.B.c?x=1&amp;y=2">Hủy đăng ký</a></p>',
    );
    const ru = withFooter(email, { language: 'ru', organisation, unsubscribeUrl, inVietnam: false });
    expect(ru.text).toContain(`Чтобы больше не получать эти письма, отпишитесь по ссылке: ${unsubscribeUrl}`);
    expect(ru.html).toContain('>Отписаться</a>');
    const en = withFooter(email, { language: 'en', organisation, unsubscribeUrl, inVietnam: false });
    expect(en.text.trimEnd().endsWith(`unsubscribe here: ${unsubscribeUrl}`)).toBe(true);
  });
});
