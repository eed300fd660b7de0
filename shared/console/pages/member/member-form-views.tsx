import type { Child, FC } from 'hono/jsx';
import { languages, type Member } from '../../../domain/member-schema.ts';
import { currencies } from '../../../domain/money.ts';
import { topics } from '../../../domain/topics.ts';
import { FormBase } from '../../components/form-base.tsx';
import {
  Check,
  Choice,
  type Errors,
  ErrorText,
  FormAlert,
  type FormState,
  type FormValues,
  TextArea,
  TextInput,
} from '../../components/form-fields.tsx';
import { CountryList, countryListId, RegionList, regionListId } from '../../components/place-suggestions.tsx';
import { commonMessages } from '../../i18n/common-messages.ts';
import type { Locale } from '../../i18n/locales.ts';
import { isLocale, languageNames } from '../../i18n/locales.ts';
import { topicName } from '../../i18n/names.ts';
import { typedPlaces } from '../../i18n/place-lookup.ts';
import { withQuery } from '../../session/session-cookies.ts';
import { amountForReading, offerLists, offerRows, revenueFields, statusChoices } from './member-forms.ts';
import { type MemberMessages, memberMessages } from './member-messages.ts';

/** Where a new member's form is shown and posted. */
export const newMemberPath = '/console/members/new';

/**
 * The record's two edit forms (the profile, one contact) and the conflict page's comparison. Every
 * form carries the version it was filled from; an error sits beside its input, named by
 * `aria-describedby`, with the input marked `aria-invalid`.
 */

/** Topics by name in the reader's language, and languages each by its own name: a choice's options. */
export const topicOptions = (locale: Locale) => topics.map((t) => [t, topicName(t, locale)] as const);
export const languageOptions = languages.map((l) => [l, languageNames[l]] as const);
const currencyOptions = currencies.map((c) => [c, c] as const);

/** A company's country, region (each by name or code, suggested) and tax id, side by side. */
export const PlaceFields: FC<{
  values: FormValues;
  errors: Errors;
  locale: Locale;
  taxIdRequired?: boolean;
}> = ({ values, errors, locale, taxIdRequired }) => {
  const m = memberMessages[locale];
  return (
    <div class="grid">
      <div>
        <TextInput
          name="country"
          label={m.country}
          values={values}
          errors={errors}
          required
          list={countryListId}
        />
        <CountryList locale={locale} by="name" />
      </div>
      <div>
        <TextInput name="region" label={m.region} values={values} errors={errors} list={regionListId} />
        <RegionList locale={locale} by="name" />
      </div>
      <div>
        <TextInput name="taxId" label={m.taxId} values={values} errors={errors} required={taxIdRequired} />
      </div>
    </div>
  );
};

/**
 * A contact's inputs: name, address, phone, position, language and what they agreed to be sent. Named
 * as the API names them, after `prefix` where a form holds other fields too (`contact.email`).
 */
export const ContactFields: FC<{
  values: FormValues;
  errors: Errors;
  locale: Locale;
  prefix?: string;
  /** Whether a name and an address are required: a contact form's are, an optional contact's not. */
  required?: boolean;
}> = ({ values, errors, locale, prefix = '', required }) => {
  const m = memberMessages[locale];
  const field = (name: string) => ({ name: `${prefix}${name}`, values, errors });
  return (
    <>
      <TextInput {...field('name')} label={m.contactName} required={required} />
      <TextInput {...field('email')} label={m.email} type="email" required={required} />
      <div class="grid">
        <div>
          <TextInput {...field('phone')} label={m.phone} type="tel" hint={m.phoneHint} />
        </div>
        <div>
          <TextInput {...field('position')} label={m.position} />
        </div>
      </div>
      <Choice {...field('language')} label={m.language} options={languageOptions} />
      <fieldset>
        <legend>{m.consent}</legend>
        <Check {...field('consent.outreach')} label={m.outreach} />
        <Check {...field('consent.news')} label={m.news} />
      </fieldset>
    </>
  );
};

/** Where a company wants to sell, the languages it works in, its website and what it says of itself. */
export const ReachFields: FC<{ values: FormValues; errors: Errors; locale: Locale }> = ({
  values,
  errors,
  locale,
}) => {
  const m = memberMessages[locale];
  return (
    <>
      <TextInput
        name="targetMarkets"
        label={m.targetMarkets}
        values={values}
        errors={errors}
        hint={m.targetMarketsHint}
      />
      <Choice
        name="languages"
        label={m.languages}
        values={values}
        errors={errors}
        options={languageOptions}
        multiple
      />
      <TextInput name="website" label={m.website} values={values} errors={errors} type="url" />
      <TextArea name="description" label={m.description} values={values} errors={errors} />
    </>
  );
};

/** The verified and the declared revenue, an amount and its currency each: what a member's tier is computed from. */
export const RevenueFields: FC<{ values: FormValues; errors: Errors; locale: Locale; hint: string }> = ({
  values,
  errors,
  locale,
  hint,
}) => {
  const m = memberMessages[locale];
  return (
    <>
      {revenueFields.map((field) => (
        <fieldset>
          <legend>{m[field]}</legend>
          <div class="grid">
            <div>
              <TextInput
                name={`${field}.amount`}
                label={m.amount}
                values={values}
                errors={errors}
                hint={hint}
              />
            </div>
            <div>
              <Choice
                name={`${field}.currency`}
                label={m.currency}
                values={values}
                errors={errors}
                options={currencyOptions}
              />
            </div>
          </div>
        </fieldset>
      ))}
    </>
  );
};

export const ProfileForm: FC<
  FormState & {
    /** Absent: a new member's profile. */
    member?: Member | undefined;
    locale: Locale;
  }
> = ({ member, values, base, errors, version, locale, submit, returnTo }) => {
  const m = memberMessages[locale];
  return (
    <form
      method="post"
      action={member ? leadingBack(`/console/members/${member.id}/profile`, returnTo) : newMemberPath}
      novalidate
    >
      {member ? <input type="hidden" name="version" value={String(version)} /> : null}
      <FormBase base={base} />
      <FormAlert errors={errors} locale={locale} />
      <TextInput name="name" label={m.name} values={values} errors={errors} required />
      <PlaceFields values={values} errors={errors} locale={locale} taxIdRequired />
      <Choice
        name="status"
        label={m.status}
        values={values}
        errors={errors}
        options={statusChoices(member).map((s) => [s, m[s]] as const)}
      />
      <div class="grid">
        {(['sectors', 'interests'] as const).map((name) => (
          <div>
            <Choice
              name={name}
              label={m[name]}
              values={values}
              errors={errors}
              options={topicOptions(locale)}
              multiple
            />
          </div>
        ))}
      </div>
      <ReachFields values={values} errors={errors} locale={locale} />
      <TextInput name="joinedOn" label={m.joinedOn} values={values} errors={errors} type="date" />
      <RevenueFields
        values={values}
        errors={errors}
        locale={locale}
        hint={member ? m.amountHint : m.amountHintNew}
      />
      <Check name="matchmakingVisible" label={m.matchmakingVisible} values={values} errors={errors} />
      <button type="submit">{submit}</button>
    </form>
  );
};

/** A form's action that keeps the page it leads back to once saved (record-edits.tsx reads `back`). */
const leadingBack = (action: string, returnTo: string | undefined) =>
  returnTo ? withQuery(action, `back=${encodeURIComponent(returnTo)}`) : action;

/**
 * An edit form of a record: it carries the version it was filled at and what it was filled from
 * (components/form-base.tsx), says what went wrong above its inputs, and posts to `action`, with the
 * page it was opened from where it leads back there.
 */
export const VersionedForm: FC<
  Pick<FormState, 'base' | 'errors' | 'version' | 'submit' | 'returnTo'> & {
    action: string;
    locale: Locale;
    children?: Child;
  }
> = ({ action, version, base, errors, locale, submit, returnTo, children }) => (
  <form method="post" action={leadingBack(action, returnTo)} novalidate>
    <input type="hidden" name="version" value={String(version)} />
    <FormBase base={base} />
    <FormAlert errors={errors} locale={locale} />
    {children}
    <button type="submit">{submit}</button>
  </form>
);

/** A company's contact, to add or edit: `action` is where it posts (a member's or a partner's record). */
export const ContactForm: FC<FormState & { action: string; locale: Locale }> = ({ values, ...form }) => (
  <VersionedForm {...form}>
    <ContactFields values={values} errors={form.errors} locale={form.locale} required />
  </VersionedForm>
);

/** A company's offers and needs: `action` is where the form posts (a member's or a partner's record). */
export const OffersNeedsForm: FC<FormState & { action: string; locale: Locale }> = ({ values, ...form }) => {
  const { errors, locale } = form;
  const m = memberMessages[locale];
  const options = [['', commonMessages[locale].none] as const, ...topicOptions(locale)];
  return (
    <VersionedForm {...form}>
      {offerLists.map((list) => (
        <fieldset>
          <legend>{m[list]}</legend>
          <ErrorText name={list} errors={errors} />
          {Array.from({ length: offerRows(values, list) }, (_, i) => (
            <div class="grid">
              <div>
                <Choice
                  name={`${list}.${i}.topic`}
                  label={inputLabel(m, `${list}.${i}.topic`, 'offers')}
                  values={values}
                  errors={errors}
                  options={options}
                />
              </div>
              <div>
                <TextInput
                  name={`${list}.${i}.text`}
                  label={inputLabel(m, `${list}.${i}.text`, 'offers')}
                  values={values}
                  errors={errors}
                />
              </div>
            </div>
          ))}
        </fieldset>
      ))}
    </VersionedForm>
  );
};

/** An input's label on the conflict page's comparison: the contact form's `name` is the person's. */
export function inputLabel(m: MemberMessages, name: string, form: 'profile' | 'contact' | 'offers'): string {
  const [head = '', middle, tail] = name.split('.');
  if (form === 'contact' && head === 'name') return m.contactName;
  if (head === 'consent' && (middle === 'outreach' || middle === 'news')) return `${m.consent}: ${m[middle]}`;
  if (
    (head === 'verifiedRevenue' || head === 'declaredRevenue') &&
    (middle === 'amount' || middle === 'currency')
  ) {
    return `${m[head]}: ${m[middle]}`;
  }
  if ((head === 'offers' || head === 'needs') && (tail === 'topic' || tail === 'text')) {
    return `${m[head]} ${Number(middle) + 1}: ${m[tail]}`;
  }
  return head in m ? String(m[head as keyof MemberMessages]) : name;
}

function shown(name: string, values: FormValues, locale: Locale): string {
  const common = commonMessages[locale];
  const value = values[name];
  if (name === 'matchmakingVisible' || name.startsWith('consent.'))
    return value === 'on' ? common.yes : common.no;
  if (name === 'status' && typeof value === 'string' && value in memberMessages[locale]) {
    return String(memberMessages[locale][value as keyof MemberMessages]);
  }
  if (name.endsWith('.amount') && typeof value === 'string') {
    const currency = values[name.replace(/amount$/, 'currency')];
    return amountForReading(value, typeof currency === 'string' ? currency : '', locale) || common.none;
  }
  if (name === 'country' || name === 'region' || name === 'targetMarkets') {
    const places = typedPlaces(
      name === 'region' ? 'region' : 'country',
      typeof value === 'string' ? value : '',
      locale,
    );
    return places || common.none;
  }
  const list = Array.isArray(value) ? value : value ? [value] : [];
  const topical = name === 'sectors' || name === 'interests' || name.endsWith('.topic');
  // Languages as the form's options name them.
  const words = topical
    ? list.map((t) => topicName(t, locale))
    : name === 'languages' || name === 'language'
      ? list.map((l) => (isLocale(l) ? languageNames[l] : l))
      : list;
  return words.length > 0 ? words.join(', ') : common.none;
}

/**
 * What changed since the form was filled (`base`): each input the user changed, or someone else saved
 * meanwhile, with its value then, now, and as the user entered it (`changed` says which they
 * changed). An input both changed to different values is marked: the form keeps the user's. Without
 * a base (a form from before bases), the user's entries beside what is stored now.
 */
export const ConflictComparison: FC<{
  inputs: readonly string[];
  form: 'profile' | 'contact' | 'offers';
  sent: FormValues;
  base: FormValues | undefined;
  stored: FormValues;
  changed: (name: string) => boolean;
  locale: Locale;
  /** An input's name where the member's forms have no word for it (a partner's Latin name, say). */
  label?: (name: string) => string | undefined;
}> = ({ inputs, form, sent, base, stored, changed, locale, label }) => {
  const m = memberMessages[locale];
  const text = (name: string, values: FormValues) => shown(name, values, locale);
  const mine = (name: string) => changed(name) && text(name, sent) !== text(name, base ?? {});
  const theirs = (name: string) => base !== undefined && text(name, base) !== text(name, stored);
  const rows = inputs.filter((name) =>
    base ? mine(name) || theirs(name) : text(name, sent) !== text(name, stored),
  );
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{m.field}</th>
          {base ? <th scope="col">{m.whenOpened}</th> : null}
          <th scope="col">{m.storedNow}</th>
          <th scope="col">{m.yourEntry}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((name) => (
          <tr>
            <th scope="row">
              {label?.(name) ?? inputLabel(m, name, form)}
              {mine(name) && theirs(name) && text(name, sent) !== text(name, stored) ? (
                <>
                  {' '}
                  <strong class="error">{m.bothChanged}</strong>
                </>
              ) : null}
            </th>
            {base ? <td>{text(name, base)}</td> : null}
            <td>{text(name, stored)}</td>
            <td>{!base || mine(name) ? text(name, sent) : <em>{m.notChangedByYou}</em>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
};
