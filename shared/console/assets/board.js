// The pipeline board's drag and drop. Dropping a card on a column submits the card's own "Move to"
// form (the keyboard and no-script path) with that column's stage, so one server route, with its stage
// rules and its stale-card check, handles both; the board comes back as the form's redirect. A column
// takes a drop only if the card may move there (the card's data-moves), and shows it while dragged over.
(() => {
  const board = document.querySelector('[data-board]');
  if (!board) return;
  let dragged = null;

  const columnAt = (target) => (target instanceof Element ? target.closest('[data-stage]') : null);
  const accepts = (column) =>
    dragged !== null &&
    column !== null &&
    (dragged.dataset.moves ?? '').split(' ').includes(column.dataset.stage);
  const clearTargets = () => {
    for (const column of board.querySelectorAll('.drop-target')) column.classList.remove('drop-target');
  };

  board.addEventListener('dragstart', (event) => {
    const card = event.target instanceof Element ? event.target.closest('[draggable="true"]') : null;
    if (!card || !event.dataTransfer) return;
    dragged = card;
    event.dataTransfer.effectAllowed = 'move';
    event.dataTransfer.setData('text/plain', card.querySelector('a')?.textContent ?? '');
  });

  board.addEventListener('dragend', () => {
    dragged = null;
    clearTargets();
  });

  board.addEventListener('dragover', (event) => {
    const column = columnAt(event.target);
    if (!accepts(column)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'move';
    column.classList.add('drop-target');
  });

  board.addEventListener('dragleave', (event) => {
    const column = columnAt(event.target);
    if (column && !column.contains(event.relatedTarget)) column.classList.remove('drop-target');
  });

  board.addEventListener('drop', (event) => {
    const column = columnAt(event.target);
    if (!accepts(column)) return;
    event.preventDefault();
    const form = dragged.querySelector('form[data-move]');
    const select = form?.querySelector('select[name="to"]');
    clearTargets();
    if (!form || !select) return;
    select.value = column.dataset.stage;
    board.setAttribute('aria-busy', 'true');
    form.requestSubmit();
  });
})();
