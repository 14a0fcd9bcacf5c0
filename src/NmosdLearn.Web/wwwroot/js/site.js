// A second click on a submit button while the first submission is on its way does nothing.
// The server counts a submission once anyway; this only spares the learner a confusing reload.
document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!form.matches('form[data-submit-once]')) return;
  if (form.dataset.submitting) { event.preventDefault(); return; }
  form.dataset.submitting = 'true';
});

// Time on task: while a lesson or test page is visible and the learner has been active in the last
// few minutes, tell the server every 30 seconds. The server measures the time itself and caps each gap.
(() => {
  const token = () => document.querySelector('input[name="__RequestVerificationToken"]')?.value ?? '';
  const beat = document.querySelector('[data-heartbeat]');
  if (!beat) return;
  const idleAfter = 5 * 60 * 1000;
  let lastActive = Date.now();
  for (const type of ['scroll', 'keydown', 'pointerdown', 'pointermove', 'touchstart', 'change']) {
    document.addEventListener(type, () => { lastActive = Date.now(); }, { passive: true, capture: true });
  }
  const send = () => {
    if (document.visibilityState !== 'visible' || Date.now() - lastActive > idleAfter) return;
    const body = new FormData();
    body.append('__RequestVerificationToken', token());
    body.append('step', beat.dataset.step);
    fetch(beat.dataset.heartbeat, { method: 'POST', body }).catch(() => {});
  };
  send();
  setInterval(send, 30 * 1000);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') { lastActive = Date.now(); send(); }
  });
})();

// A table wider than a phone's screen scrolls sideways inside the page, which nothing showed: a note says so
// (only while the table is wider than its space) and the table takes keyboard focus so arrow keys scroll it.
(() => {
  const cue = document.getElementById('main')?.dataset.tableCue;
  if (!cue) return;
  const mark = () => document.querySelectorAll('.lesson-body table').forEach((table, index) => {
    const wide = table.scrollWidth > table.clientWidth + 1;
    let note = document.getElementById(`table-scroll-cue-${index}`);
    if (wide && !note) {
      note = document.createElement('p');
      note.id = `table-scroll-cue-${index}`;
      note.className = 'table-scroll-cue small text-body-secondary mb-1';
      note.textContent = cue;
      table.before(note);
    }
    if (note) note.hidden = !wide;
    if (wide) {
      table.tabIndex = 0;
      table.setAttribute('aria-describedby', note.id);
    } else {
      table.removeAttribute('tabindex');
      table.removeAttribute('aria-describedby');
    }
  });
  mark();
  window.addEventListener('resize', mark);
})();
// "Copy" buttons: data-copy names the element whose lines are copied (recovery codes, one per line). The button stays
// hidden without script, and the page's status line says whether the copy worked.
for (const button of document.querySelectorAll('button[data-copy]')) {
  const source = document.getElementById(button.dataset.copy);
  if (!source) continue;
  const status = button.parentElement.querySelector('[role="status"]');
  button.hidden = false;
  button.addEventListener('click', async () => {
    const lines = [...source.querySelectorAll('li')].map(item => item.textContent.trim());
    const text = (lines.length ? lines : [source.textContent.trim()]).join('\n') + '\n';
    let copied = false;
    try {
      await navigator.clipboard.writeText(text);
      copied = true;
    } catch {
      // Without the clipboard API (a page not served over HTTPS): select the codes so the person can copy them.
      const range = document.createRange();
      range.selectNodeContents(source);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    }
    if (status) status.textContent = copied ? button.dataset.copied : button.dataset.copyFailed;
  });
}
