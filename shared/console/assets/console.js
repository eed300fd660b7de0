// The console's keyboard shortcuts: `/` focuses the search, `g m` / `g p` / `g l` / `g c` open members,
// partners, the pipeline and campaigns, `?` lists them. Inactive while typing in a field, and off when the user's
// setting says so (the body's data-shortcuts). No inline handlers anywhere: the CSP allows none.
(() => {
  const targets = {
    m: '/console/members',
    p: '/console/partners',
    l: '/console/leads',
    c: '/console/campaigns',
  };
  let pendingG = 0;

  // The key as the shortcuts name it, whatever the keyboard layout: the key where `/` is on a US layout
  // is `/` (and with Shift `?`) even where it types something else (`.` on a Russian layout); a key that
  // types no Latin character (`п`) counts as the Latin letter printed at its place (`KeyG`).
  const keyOf = (event) => {
    if (event.key === '/' || event.key === '?') return event.key;
    if (event.code === 'Slash') return event.shiftKey ? '?' : '/';
    if (/^[\x20-\x7e]$/.test(event.key) || !/^Key[A-Z]$/.test(event.code)) return event.key;
    return event.code.slice(3).toLowerCase();
  };

  const typing = (element) =>
    element instanceof HTMLElement &&
    (element.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName));

  document.addEventListener('keydown', (event) => {
    if (document.body.dataset.shortcuts !== 'on') return;
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    const dialog = document.getElementById('shortcuts');
    const key = keyOf(event);
    if (key === '?') {
      event.preventDefault();
      if (dialog && !dialog.open) dialog.showModal();
      return;
    }
    if (key === '/') {
      const search = document.querySelector('[data-search]');
      if (search instanceof HTMLElement) {
        event.preventDefault();
        search.focus();
      } else {
        event.preventDefault();
        window.location.assign('/console/members#search');
      }
      return;
    }
    if (key === 'g') {
      pendingG = Date.now();
      return;
    }
    if (pendingG && Date.now() - pendingG < 1500 && targets[key]) {
      event.preventDefault();
      pendingG = 0;
      window.location.assign(targets[key]);
      return;
    }
    pendingG = 0;
  });

  // Buttons that ask before a bulk or destructive action: <button data-confirm="text">. A yes goes
  // with the form (confirmed=yes), so a page that asks on the server where this script does not run
  // (components/confirm-first.tsx) does not ask again.
  document.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest('[data-confirm]') : null;
    if (!button) return;
    if (!window.confirm(button.getAttribute('data-confirm') ?? '')) {
      event.preventDefault();
      return;
    }
    const form = button.closest('form');
    if (form && !form.querySelector('input[name="confirmed"]')) {
      const yes = document.createElement('input');
      yes.type = 'hidden';
      yes.name = 'confirmed';
      yes.value = 'yes';
      form.append(yes);
    }
  });

  // After htmx swaps in an error, announce it: the region is role=alert, focus goes to the first field
  // that needs a change. A form posted without htmx comes back as a whole page: the same from its top.
  const focusFirstInvalid = (within) => {
    const invalid = within?.querySelector('[aria-invalid="true"]');
    if (invalid instanceof HTMLElement) invalid.focus();
  };
  document.addEventListener('htmx:afterSwap', (event) => {
    focusFirstInvalid(event.target instanceof Element ? event.target : null);
  });
  focusFirstInvalid(document.querySelector('main'));

  // What a page opens to say (#done: "Saved."; a conflict's heading, [data-focus]) was there before any
  // reader listened: focused, it is read out, and the keyboard goes on from there.
  const notice = document.getElementById('done') ?? document.querySelector('[data-focus]');
  if (notice instanceof HTMLElement) {
    notice.tabIndex = -1;
    notice.focus({ preventScroll: notice.id === 'done' });
  }

  // A table wider than its box scrolls sideways in it: the box then takes focus, so that the keyboard
  // can scroll it too (a box that fits is left out of the tab order).
  const scrollable = () => {
    for (const box of document.querySelectorAll('.overflow-auto')) {
      if (box.scrollWidth > box.clientWidth) box.tabIndex = 0;
      else box.removeAttribute('tabindex');
    }
  };
  scrollable();
  window.addEventListener('resize', scrollable);
  document.addEventListener('htmx:afterSettle', scrollable);

  // At a phone's width a page's own tabs scroll sideways: the current one is brought into sight.
  for (const current of document.querySelectorAll('main nav ul [aria-current="page"]')) {
    const line = current.closest('ul');
    if (!line || line.scrollWidth <= line.clientWidth) continue;
    const box = line.getBoundingClientRect();
    const tab = current.getBoundingClientRect();
    line.scrollLeft += tab.left - box.left - (box.width - tab.width) / 2;
  }

  // A field of places typed with commas between (a campaign's regions, countries, markets) suggests for
  // the entry being typed: the browser matches a datalist against the whole value, so each option is
  // offered after what comes before the last comma. On focus too: fields share a list.
  const suggestEntries = (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || input.dataset.entries !== 'places' || !input.list) return;
    const cut = input.value.lastIndexOf(',');
    const before = cut < 0 ? '' : `${input.value.slice(0, cut + 1)} `;
    for (const option of input.list.options) {
      option.dataset.place ??= option.value;
      option.value = before + option.dataset.place;
    }
  };
  document.addEventListener('input', suggestEntries);

  // A place field's list (every country, every listed subdivision) comes on the field's first focus,
  // from a URL the browser keeps (place-suggestions.tsx), rather than in every page. A failure leaves
  // it empty, to be asked for again on the next focus.
  const loadSuggestions = async (input) => {
    const list = input.list;
    if (!list?.dataset.src || list.dataset.loading) return;
    list.dataset.loading = 'true';
    try {
      const response = await fetch(list.dataset.src);
      if (!response.ok) return;
      list.innerHTML = await response.text();
      list.removeAttribute('data-src');
    } catch {
      return;
    } finally {
      delete list.dataset.loading;
    }
    // Whichever field of this list has the focus now (fields share one) offers after its commas.
    const active = document.activeElement;
    if (active instanceof HTMLInputElement && active.list === list) suggestEntries({ target: active });
  };
  document.addEventListener('focusin', (event) => {
    if (event.target instanceof HTMLInputElement && event.target.list) void loadSuggestions(event.target);
    suggestEntries(event);
  });
  // A field focused before this listener was there: the first one a form posted back asks to change.
  if (document.activeElement instanceof HTMLInputElement && document.activeElement.list) {
    void loadSuggestions(document.activeElement);
  }

  // What a page loads after itself (the record's lists, #activity): busy while it comes (the CSS says
  // so in its place); if the request fails, its links to each section's own page again. Once it is in,
  // the section the address names (#history) is scrolled to: the browser jumped to its placeholder.
  // Come back to with Back, it returns to where it was left: the browser restores the position before
  // the lists are in, so the page keeps its own for this tab.
  const later = document.getElementById('activity');
  if (later && window.htmx) {
    later.setAttribute('aria-busy', 'true');
    const failed = () => later.removeAttribute('aria-busy');
    later.addEventListener('htmx:responseError', failed);
    later.addEventListener('htmx:sendError', failed);
    const left = `left:${location.pathname}${location.search}`;
    window.addEventListener('pagehide', () => sessionStorage.setItem(left, String(window.scrollY)));
    const back = performance.getEntriesByType('navigation')[0]?.type === 'back_forward';
    const sections = new Set([...later.querySelectorAll('section[id]')].map((section) => section.id));
    const settled = () => {
      if (later.isConnected) return;
      document.removeEventListener('htmx:afterSettle', settled);
      const id = location.hash.slice(1);
      const at = Number(sessionStorage.getItem(left));
      if (back && at > 0) window.scrollTo(0, at);
      else if (sections.has(id)) document.getElementById(id)?.scrollIntoView();
    };
    document.addEventListener('htmx:afterSettle', settled);
  }
})();
