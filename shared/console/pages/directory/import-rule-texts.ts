import type { ImportRules } from '../../../domain/issue-rules.ts';
import type { RuleTexts } from '../../i18n/zod-messages.ts';

/** A member CSV's header and row rules (members/member-csv.ts) in every language: the import page's. */
export const importRuleTexts: RuleTexts<keyof ImportRules> = {
  en: {
    unknownColumn: () => 'Unknown column.',
    unknownContactColumn: ({ slots, fields }) =>
      `Unknown column; contacts are contact1_… to contact${slots}_… with fields ${fields}.`,
    unnamedColumn: () => 'The column has no name.',
    columnTwice: () => 'The column appears twice.',
    columnMissing: () => 'Required column is missing.',
    bothMoneyColumns: ({ field }) => `${field} needs both columns, amount and currency.`,
    allContactColumns: ({ slot, missing }) => `contact${slot} needs all of: ${missing}.`,
    emptyFile: () => 'The file is empty; its first line must name the columns.',
    yesOrNo: () => 'Must be yes or no (да/нет, có/không), or empty to leave it unchanged.',
    currencyWithAmount: () => 'Required with an amount.',
    amountWithCurrency: () => 'Required with a currency.',
    currencyChoice: ({ currencies }) => `Must be one of ${currencies}.`,
    amountFormat: ({ currency, example }) =>
      `Must be a non-negative decimal amount in ${currency}, such as ${example}.`,
    noMinorUnit: ({ currency }) => `${currency} has no minor unit; give a whole amount.`,
    minorDigits: ({ currency, digits }) =>
      `${currency} has ${digits} decimal places; give at most that many.`,
    amountTooLarge: () => 'The amount is too large.',
    taxIdOnOtherLines: ({ lines }) =>
      `The same tax id is also on line(s) ${lines}; list each member once per file.`,
    erasedSinceUpload: () =>
      'Not applied: the personal data of a member this row names was erased after the file was uploaded.',
    changedDuringImport: () => 'The member changed while the file was imported; import the file again.',
    notWrittenTryAgain: () =>
      'The database was unavailable; nothing was written for this row. Import the file again.',
  },
  ru: {
    unknownColumn: () => 'Неизвестный столбец.',
    unknownContactColumn: ({ slots, fields }) =>
      `Неизвестный столбец; контакты: от contact1_… до contact${slots}_… с полями ${fields}.`,
    unnamedColumn: () => 'У столбца нет названия.',
    columnTwice: () => 'Столбец встречается дважды.',
    columnMissing: () => 'Нет обязательного столбца.',
    bothMoneyColumns: ({ field }) => `Для ${field} нужны оба столбца: сумма и валюта.`,
    allContactColumns: ({ slot, missing }) => `Для contact${slot} нужны все столбцы: ${missing}.`,
    emptyFile: () => 'Файл пуст; в первой строке должны быть названия столбцов.',
    yesOrNo: () => 'Укажите да или нет (yes/no, có/không) либо оставьте пустым, чтобы не менять.',
    currencyWithAmount: () => 'Обязательно, если указана сумма.',
    amountWithCurrency: () => 'Обязательно, если указана валюта.',
    currencyChoice: ({ currencies }) => `Одна из валют: ${currencies}.`,
    amountFormat: ({ currency, example }) =>
      `Неотрицательная десятичная сумма в ${currency}, например ${example}.`,
    noMinorUnit: ({ currency }) => `У ${currency} нет дробной части; укажите целую сумму.`,
    minorDigits: ({ currency, digits }) => `У ${currency} знаков после запятой: ${digits}; не больше.`,
    amountTooLarge: () => 'Слишком большая сумма.',
    taxIdOnOtherLines: ({ lines }) =>
      `Тот же налоговый номер в строках ${lines}; укажите каждого участника в файле один раз.`,
    erasedSinceUpload: () =>
      'Не применено: персональные данные участника из этой строки удалены после загрузки файла.',
    changedDuringImport: () => 'Участник изменился во время импорта; импортируйте файл ещё раз.',
    notWrittenTryAgain: () =>
      'База данных была недоступна; по этой строке ничего не записано. Импортируйте файл ещё раз.',
  },
  vi: {
    unknownColumn: () => 'Cột không xác định.',
    unknownContactColumn: ({ slots, fields }) =>
      `Cột không xác định; liên hệ là contact1_… đến contact${slots}_… với các trường ${fields}.`,
    unnamedColumn: () => 'Cột không có tên.',
    columnTwice: () => 'Cột xuất hiện hai lần.',
    columnMissing: () => 'Thiếu cột bắt buộc.',
    bothMoneyColumns: ({ field }) => `${field} cần cả hai cột: số tiền và tiền tệ.`,
    allContactColumns: ({ slot, missing }) => `contact${slot} cần đủ các cột: ${missing}.`,
    emptyFile: () => 'Tệp trống; dòng đầu tiên phải ghi tên các cột.',
    yesOrNo: () => 'Phải là có hoặc không (yes/no, да/нет), hoặc để trống để giữ nguyên.',
    currencyWithAmount: () => 'Bắt buộc khi có số tiền.',
    amountWithCurrency: () => 'Bắt buộc khi có tiền tệ.',
    currencyChoice: ({ currencies }) => `Phải là một trong ${currencies}.`,
    amountFormat: ({ currency, example }) =>
      `Phải là số tiền thập phân không âm bằng ${currency}, ví dụ ${example}.`,
    noMinorUnit: ({ currency }) => `${currency} không có đơn vị lẻ; hãy nhập số nguyên.`,
    minorDigits: ({ currency, digits }) => `${currency} có ${digits} chữ số thập phân; không nhập nhiều hơn.`,
    amountTooLarge: () => 'Số tiền quá lớn.',
    taxIdOnOtherLines: ({ lines }) =>
      `Mã số thuế này cũng có ở dòng ${lines}; mỗi hội viên chỉ ghi một lần trong tệp.`,
    erasedSinceUpload: () =>
      'Không áp dụng: dữ liệu cá nhân của hội viên trong dòng này đã bị xóa sau khi tệp được tải lên.',
    changedDuringImport: () => 'Hội viên đã thay đổi trong lúc nhập tệp; hãy nhập lại tệp.',
    notWrittenTryAgain: () =>
      'Cơ sở dữ liệu tạm thời không sẵn sàng; dòng này chưa được ghi. Hãy nhập lại tệp.',
  },
};
