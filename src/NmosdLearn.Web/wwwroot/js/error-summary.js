// Moves focus to the error summary so screen-reader and keyboard users hear the problem first.
document.getElementById('error-summary')?.focus();
