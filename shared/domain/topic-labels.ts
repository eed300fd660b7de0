import type { Language } from './languages.ts';
import type { Topic } from './topics.ts';

/**
 * What each topic is called in the languages the CRM writes in, for pages, emails and exports. Apart
 * from the list, so that the API functions, which validate topics but never print them, do not bundle it.
 */
export const topicLabels: Record<Topic, Record<Language, string>> = {
  'technology-transfer': {
    ru: 'Трансфер технологий',
    vi: 'Chuyển giao công nghệ',
    en: 'Technology transfer',
  },
  'workforce-training': { ru: 'Подготовка кадров', vi: 'Đào tạo nhân lực', en: 'Workforce training' },
  'digital-economy': { ru: 'Цифровая экономика', vi: 'Kinh tế số', en: 'Digital economy' },
  tourism: { ru: 'Туризм', vi: 'Du lịch', en: 'Tourism' },
  agriculture: { ru: 'Сельское хозяйство', vi: 'Nông nghiệp', en: 'Agriculture' },
  education: { ru: 'Образование', vi: 'Giáo dục', en: 'Education' },
  'industrial-water-treatment': {
    ru: 'Промышленная водоподготовка',
    vi: 'Xử lý nước công nghiệp',
    en: 'Industrial water treatment',
  },
  'food-canning': { ru: 'Консервное производство', vi: 'Đóng hộp thực phẩm', en: 'Food canning' },
  'garments-textiles': {
    ru: 'Швейная и текстильная промышленность',
    vi: 'Dệt may',
    en: 'Garments and textiles',
  },
  logistics: { ru: 'Логистика', vi: 'Logistics', en: 'Logistics' },
  energy: { ru: 'Энергетика', vi: 'Năng lượng', en: 'Energy' },
  construction: { ru: 'Строительство', vi: 'Xây dựng', en: 'Construction' },
  healthcare: { ru: 'Здравоохранение', vi: 'Y tế', en: 'Healthcare' },
  manufacturing: { ru: 'Обрабатывающая промышленность', vi: 'Sản xuất chế tạo', en: 'Manufacturing' },
  finance: { ru: 'Финансы', vi: 'Tài chính', en: 'Finance' },
  mining: { ru: 'Добыча полезных ископаемых', vi: 'Khai khoáng', en: 'Mining' },
  fisheries: { ru: 'Рыболовство', vi: 'Thủy sản', en: 'Fisheries' },
  chemicals: { ru: 'Химическая промышленность', vi: 'Hóa chất', en: 'Chemicals' },
  'industrial-parks': { ru: 'Индустриальные парки', vi: 'Khu công nghiệp', en: 'Industrial parks' },
  investment: { ru: 'Инвестиции', vi: 'Đầu tư', en: 'Investment' },
  trade: { ru: 'Торговля', vi: 'Thương mại', en: 'Trade' },
};
