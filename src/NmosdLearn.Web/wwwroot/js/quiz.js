// Enhancements only: every form here also works without script.
(() => {
  const token = () => document.querySelector('input[name="__RequestVerificationToken"]')?.value ?? '';

  // Knowledge checks: show the feedback in place instead of reloading the lesson.
  document.addEventListener('submit', async (event) => {
    const form = event.target.closest('form[data-knowledge-check]');
    if (!form) return;
    event.preventDefault();
    const response = await fetch(form.action, {
      method: 'POST', body: new FormData(form), headers: { 'X-Requested-With': 'fetch' },
    });
    if (!response.ok) { form.submit(); return; }
    const section = form.closest('section.question');
    const id = section.id;
    section.outerHTML = await response.text();
    // Move focus to the feedback so keyboard and screen-reader users hear the result at once.
    document.getElementById(id)?.querySelector('.feedback')?.focus();
  });

  // Tests: save each answer as soon as it changes, so a reload or a dropped connection loses nothing.
  // Saves go one at a time, in order: a slow save is never overtaken by a later one.
  const test = document.querySelector('form[data-autosave]');
  if (!test) return;
  const status = document.getElementById('autosave-status');
  const pending = new Set();
  let timer;
  let queue = Promise.resolve();
  let closed = false;
  const showClosed = () => {
    closed = true;
    pending.clear();
    if (!status) return;
    const link = document.createElement('a');
    link.href = status.dataset.closedHref;
    link.textContent = status.dataset.closedLink;
    status.replaceChildren(`${status.dataset.closed} `, link);
  };
  const save = async () => {
    if (pending.size === 0) return;
    const body = new FormData();
    body.append('__RequestVerificationToken', token());
    for (const name of pending) {
      const chosen = [...test.querySelectorAll(`input[name="${CSS.escape(name)}"]:checked`)].map((input) => input.value);
      if (chosen.length === 0) body.append(name, '');
      chosen.forEach((value) => body.append(name, value));
    }
    const sent = [...pending];
    pending.clear();
    try {
      const response = await fetch(test.dataset.autosave, { method: 'POST', body });
      // 409: the attempt is closed (submitted in another tab): no retry can save this, so say so.
      if (response.status === 409) { showClosed(); return; }
      if (!response.ok) throw new Error(String(response.status));
      // "Saved" only once nothing is waiting: a change made while this save ran is not saved yet.
      if (status && pending.size === 0 && timer === undefined) status.textContent = status.dataset.saved;
    } catch {
      // Not saved: send these questions again with the next save (the full form is sent on continue anyway).
      sent.forEach((name) => pending.add(name));
      if (status) status.textContent = status.dataset.failed;
    }
  };
  test.addEventListener('change', (event) => {
    if (closed || !event.target.name?.startsWith('q:')) return;
    pending.add(event.target.name);
    if (status) status.textContent = '';
    clearTimeout(timer);
    timer = setTimeout(() => { timer = undefined; queue = queue.then(save); }, 150);
  });
})();
