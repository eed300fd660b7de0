import { defineMessages } from '../../i18n/messages.ts';

/** The erasure page's texts: what an erasure does and keeps, asked before it is done. */
export const erasureMessages = defineMessages({
  en: {
    title: (company: string) => `Erase the personal data of ${company}`,
    contacts: (count: number) =>
      count === 1 ? 'Its 1 contact is erased:' : `Its ${count} contacts are erased:`,
    tombstones:
      'names, email addresses and phone numbers are replaced by “[erased]” in the record and in its whole history;',
    suppressed: 'each address joins the suppression list as a one-way hash, so no campaign emails it again;',
    reachMember:
      'member accounts are deleted, campaign recipients and event delegates are blanked, and import files still waiting lose its rows;',
    reachPartner: 'campaign recipients and event delegates are blanked.',
    kept: 'The company itself stays, with its profile, its leads and the date of the erasure.',
    final: 'This cannot be undone.',
    erasedBefore: (when: string) =>
      `Its contacts were erased on ${when}; erasing again erases whatever was added since.`,
    erase: 'Erase personal data',
    conflict: 'The company kept changing while it was being erased. Nothing is lost: erase it again.',
  },
  ru: {
    title: (company: string) => `Удалить персональные данные: ${company}`,
    contacts: (count: number) =>
      count === 1 ? 'Её 1 контакт будет удалён:' : `Её контакты (${count}) будут удалены:`,
    tombstones:
      'имена, адреса электронной почты и телефоны заменятся на «[erased]» в карточке и во всей её истории;',
    suppressed:
      'каждый адрес попадёт в список запрета рассылок в виде необратимого хеша, и ни одна рассылка больше на него не уйдёт;',
    reachMember:
      'учётные записи участника будут удалены, получатели рассылок и делегаты мероприятий обезличены, а ожидающие файлы импорта лишатся его строк;',
    reachPartner: 'получатели рассылок и делегаты мероприятий будут обезличены.',
    kept: 'Сама компания останется: её профиль, сделки и дата удаления.',
    final: 'Это действие нельзя отменить.',
    erasedBefore: (when: string) =>
      `Контакты уже удалены ${when}; повторное удаление удалит то, что добавлено после.`,
    erase: 'Удалить персональные данные',
    conflict: 'Компания менялась во время удаления. Ничего не потеряно: удалите данные ещё раз.',
  },
  vi: {
    title: (company: string) => `Xóa dữ liệu cá nhân của ${company}`,
    contacts: (count: number) => `${count} người liên hệ của công ty sẽ bị xóa:`,
    tombstones:
      'họ tên, địa chỉ email và số điện thoại được thay bằng “[erased]” trong hồ sơ và toàn bộ lịch sử;',
    suppressed:
      'mỗi địa chỉ được đưa vào danh sách chặn dưới dạng mã băm một chiều, không chiến dịch nào gửi đến đó nữa;',
    reachMember:
      'tài khoản hội viên bị xóa, người nhận chiến dịch và đại biểu sự kiện được ẩn danh, các tệp nhập đang chờ bỏ các dòng của công ty;',
    reachPartner: 'người nhận chiến dịch và đại biểu sự kiện được ẩn danh.',
    kept: 'Bản thân công ty vẫn còn, cùng hồ sơ, các cơ hội hợp tác và ngày xóa.',
    final: 'Không thể hoàn tác thao tác này.',
    erasedBefore: (when: string) =>
      `Người liên hệ đã bị xóa vào ${when}; xóa lại sẽ xóa những gì được thêm sau đó.`,
    erase: 'Xóa dữ liệu cá nhân',
    conflict: 'Công ty đã thay đổi trong khi đang xóa. Không có gì bị mất: hãy xóa lại.',
  },
});
