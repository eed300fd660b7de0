import { describe, expect, it } from 'vitest';
import { ownEditsOver } from '../../shared/console/components/form-base.tsx';

describe('a stale form brought back over what is stored now', () => {
  it('keeps the user’s own changes and the colleague’s everywhere else', () => {
    const inputs = ['name', 'position', 'phone'];
    const base = { name: 'Ирина', position: '', phone: '+74951234567' };
    const sent = { name: 'Ирина', position: '', phone: '+74955556677' };
    const current = { name: 'Ирина', position: 'Президент', phone: '+74951234567' };
    expect(ownEditsOver(inputs, sent, base, current)).toEqual({
      name: 'Ирина',
      position: 'Президент',
      phone: '+74955556677',
    });
    // Without what the form was filled from, everything as sent.
    expect(ownEditsOver(inputs, sent, undefined, current)).toEqual(sent);
  });

  it('takes a list as a whole: a colleague’s removed row does not shift the user’s edit onto another', () => {
    const inputs = ['offers.0.topic', 'offers.0.text', 'offers.1.topic', 'offers.1.text', 'needs.0.text'];
    const base = {
      'offers.0.topic': 'chemicals',
      'offers.0.text': 'Catalysts',
      'offers.1.topic': 'energy',
      'offers.1.text': 'Solar',
      'needs.0.text': 'Ports',
    };
    const sent = { ...base, 'offers.0.text': 'Catalysts and resins' };
    const current = { 'offers.0.topic': 'energy', 'offers.0.text': 'Solar', 'needs.0.text': 'Rail' };
    expect(ownEditsOver(inputs, sent, base, current)).toEqual({ ...sent, 'needs.0.text': 'Rail' });
  });

  it('does not count a choice posted in another order, or CRLF line ends, as a change', () => {
    const inputs = ['languages', 'description', 'verifiedRevenue.amount', 'verifiedRevenue.currency'];
    const base = {
      languages: ['vi', 'ru'],
      description: 'Line one\nLine two',
      'verifiedRevenue.amount': '100.00',
      'verifiedRevenue.currency': 'RUB',
    };
    const sent = { ...base, languages: ['ru', 'vi'], description: 'Line one\r\nLine two' };
    const current = {
      languages: ['ru'],
      description: 'Changed',
      'verifiedRevenue.amount': '5.00',
      'verifiedRevenue.currency': 'USD',
    };
    expect(ownEditsOver(inputs, sent, base, current)).toEqual(current);
    // An amount changed goes with its currency as the user had it.
    const amount = { ...sent, 'verifiedRevenue.amount': '200.00' };
    expect(ownEditsOver(inputs, amount, base, current)).toMatchObject({
      'verifiedRevenue.amount': '200.00',
      'verifiedRevenue.currency': 'RUB',
    });
  });
});
