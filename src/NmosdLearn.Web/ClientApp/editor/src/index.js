// The studio's Markdown editor: CodeMirror 6 laid over the page's textarea. The textarea stays the form
// field (saving, autosave conflicts and pages without script are unchanged); every change is copied into it.
// studio.js drives the page (live check, preview, image picker, unsaved warning) through the object that
// create() returns, and falls back to the bare textarea when this bundle is absent.
import { EditorState, EditorSelection } from "@codemirror/state";
import {
    EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, highlightSpecialChars, drawSelection,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { searchKeymap, highlightSelectionMatches } from "@codemirror/search";
import { syntaxHighlighting, defaultHighlightStyle, LanguageSupport } from "@codemirror/language";
import { markdownLanguage, insertNewlineContinueMarkup, deleteMarkupBackward } from "@codemirror/lang-markdown";
import { lintGutter, lintKeymap, setDiagnostics } from "@codemirror/lint";

// CodeMirror adds its styles as <style> elements; the page's content security policy admits them only with the
// nonce the server put on this script's element (read while the script runs: afterwards there is no current script).
const styleNonce = document.currentScript ? document.currentScript.nonce : "";

/**
 * Lays the editor over a textarea.
 * @param {HTMLTextAreaElement} textarea the form field, hidden from then on and kept equal to the editor's text
 * @param {{ labelledBy: string, describedBy: string, phrases: Record<string, string>, onChange: () => void }} options
 */
function create(textarea, options) {
    const extensions = [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightSpecialChars(),
        history(),
        drawSelection(),
        highlightActiveLine(),
        highlightSelectionMatches(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        // GitHub-flavoured Markdown without markdown()'s embedded HTML, JavaScript and CSS languages: the platform
        // renders no raw HTML, and they would triple the bundle.
        new LanguageSupport(markdownLanguage),
        lintGutter(),
        EditorView.lineWrapping,
        // Tab is left to the browser, so it moves to the next control and never traps a keyboard user
        // (indenting is Ctrl+] and Ctrl+[ from the default keymap).
        keymap.of([
            { key: "Enter", run: insertNewlineContinueMarkup },
            { key: "Backspace", run: deleteMarkupBackward },
            ...defaultKeymap, ...historyKeymap, ...searchKeymap, ...lintKeymap]),
        EditorState.phrases.of(options.phrases || {}),
        EditorView.contentAttributes.of({
            "aria-labelledby": options.labelledBy,
            "aria-describedby": options.describedBy,
            spellcheck: "true",
            // Focusable by Tab already (it is editable); said outright so checkers see the scrolling region has keyboard access.
            tabindex: "0",
        }),
        EditorView.updateListener.of(update => {
            if (update.docChanged) {
                textarea.value = update.state.doc.toString();
                options.onChange();
            }
        }),
    ];
    if (styleNonce) {
        extensions.push(EditorView.cspNonce.of(styleNonce));
    }
    if (textarea.readOnly) {
        extensions.push(EditorState.readOnly.of(true));
    }

    const view = new EditorView({
        state: EditorState.create({ doc: textarea.value, extensions }),
    });
    view.dom.classList.add("studio-code-editor");
    textarea.after(view.dom);
    textarea.hidden = true;

    function lineOf(number) {
        return view.state.doc.line(Math.min(Math.max(number, 1), view.state.doc.lines));
    }

    return {
        get value() {
            return view.state.doc.toString();
        },
        focus() {
            view.focus();
        },
        goToLine(number) {
            const line = lineOf(number);
            view.dispatch({ selection: EditorSelection.range(line.from, line.to), scrollIntoView: true });
            view.focus();
        },
        /** Shows the checker's messages in the text; each is { line, column, severity: "error" | "warning", message }. */
        showDiagnostics(messages) {
            const diagnostics = messages.map(m => {
                const line = lineOf(m.line);
                const column = m.column > 0 && m.column - 1 < line.length ? m.column - 1 : 0;
                return { from: line.from + column, to: line.to, severity: m.severity, message: m.message };
            });
            view.dispatch(setDiagnostics(view.state, diagnostics));
        },
        /** Puts text where the cursor is (replacing a selection) and leaves the cursor after it. */
        insert(text) {
            view.dispatch(view.state.replaceSelection(text), { scrollIntoView: true });
            view.focus();
        },
    };
}

window.NmosdLearnEditor = { create };
