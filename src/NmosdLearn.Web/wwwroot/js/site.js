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
