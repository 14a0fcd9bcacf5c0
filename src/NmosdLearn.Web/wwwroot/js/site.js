// A second click on a submit button while the first submission is on its way does nothing.
// The server counts a submission once anyway; this only spares the learner a confusing reload.
document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!form.matches('form[data-submit-once]')) return;
  if (form.dataset.submitting) { event.preventDefault(); return; }
  form.dataset.submitting = 'true';
});
