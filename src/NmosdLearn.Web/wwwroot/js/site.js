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
