// The studio editor: as the author types, the server renders the unsaved text with the learners' pipeline
// and returns the checker's messages; messages name lines, and choosing one moves the cursor there.
// The text is edited in the code editor (lib/studio-editor, CodeMirror) laid over the form's textarea; without
// that bundle the bare textarea with its line-number gutter does the same job.
(function () {
    const form = document.getElementById("studio-editor");
    if (!form) {
        return;
    }

    const text = form.querySelector("textarea[name=text]");
    const gutter = document.getElementById("editor-gutter");
    const messages = document.getElementById("checker-messages");
    const preview = document.getElementById("live-preview");
    const saveState = document.getElementById("save-state");
    const strings = JSON.parse(form.dataset.strings);
    let timer = null;
    let sent = 0;

    // The text as stored: leaving the page with anything else asks first. After a refused save the page shows
    // the author's text, which is not stored, so there is nothing to compare with.
    const storedText = form.dataset.unsaved === "true" ? null : text.value;
    let submitting = false;

    function changed() {
        clearTimeout(timer);
        timer = setTimeout(check, 500);
        if (saveState) {
            saveState.textContent = editor.value !== storedText ? strings.unsaved : "";
        }
    }

    // The bare textarea, with the gutter the server drew: the same few operations as the code editor offers.
    function textareaEditor() {
        function drawGutter(markedLines) {
            const count = text.value.split("\n").length;
            const marks = new Set(markedLines);
            let lines = "";
            for (let i = 1; i <= count; i++) {
                lines += (marks.has(i) ? "!" : " ") + String(i).padStart(4, " ") + "\n";
            }
            gutter.textContent = lines;
            gutter.scrollTop = text.scrollTop;
        }

        text.addEventListener("input", function () {
            drawGutter([]);
            changed();
        });
        text.addEventListener("scroll", function () { gutter.scrollTop = text.scrollTop; });
        return {
            get value() {
                return text.value;
            },
            focus() {
                text.focus();
            },
            goToLine(line) {
                const lines = text.value.split("\n");
                let offset = 0;
                for (let i = 0; i < line - 1 && i < lines.length; i++) {
                    offset += lines[i].length + 1;
                }
                text.focus();
                text.setSelectionRange(offset, offset + (lines[line - 1] || "").length);
                const lineHeight = text.scrollHeight / Math.max(lines.length, 1);
                text.scrollTop = Math.max(0, (line - 3) * lineHeight);
            },
            showDiagnostics(list) {
                drawGutter(list.map(d => d.line));
            },
            insert(inserted) {
                text.focus();
                text.setRangeText(inserted, text.selectionStart, text.selectionEnd, "end");
                text.dispatchEvent(new Event("input"));
            },
        };
    }

    const codeEditor = window.NmosdLearnEditor;
    const editor = codeEditor
        ? codeEditor.create(text, {
            labelledBy: "text-label",
            describedBy: "editor-help checker-messages",
            phrases: JSON.parse(form.dataset.phrases),
            onChange: changed,
        })
        : textareaEditor();
    if (codeEditor) {
        gutter.hidden = true;
        document.getElementById("editor-help").hidden = false;
        // The label names the code editor now; choosing it moves there, as it did to the textarea.
        document.getElementById("text-label").addEventListener("click", function (event) {
            event.preventDefault();
            editor.focus();
        });
    }

    /** The checker's messages as the page lists them, each with its line, column, severity and text. */
    function listedDiagnostics() {
        return [...messages.querySelectorAll("[data-line]")].map(button => ({
            line: Number(button.dataset.line),
            column: Number(button.dataset.column),
            severity: button.dataset.severity === "error" ? "error" : "warning",
            message: button.dataset.message,
        }));
    }

    async function check() {
        const number = ++sent;
        const checked = editor.value;
        const body = new FormData();
        body.append("text", checked);
        body.append("__RequestVerificationToken", form.querySelector("input[name=__RequestVerificationToken]").value);
        try {
            const response = await fetch(form.dataset.checkUrl, { method: "POST", body: body, credentials: "same-origin" });
            if (!response.ok || number !== sent) {
                return;
            }
            const html = new DOMParser().parseFromString(await response.text(), "text/html");
            messages.replaceChildren(...html.querySelector("[data-part=messages]").childNodes);
            preview.replaceChildren(...html.querySelector("[data-part=preview]").childNodes);
            // Lines named for other text would mark the wrong places: a newer check is on its way.
            if (editor.value === checked) {
                editor.showDiagnostics(listedDiagnostics());
            }
        } catch {
            // Offline or the server is restarting: the next keystroke tries again; saving still works.
        }
    }

    form.addEventListener("submit", function () { submitting = true; });
    window.addEventListener("beforeunload", function (event) {
        if (!submitting && editor.value !== storedText && !text.readOnly) {
            event.preventDefault();
            // Older browsers ask only when a return value is set; none shows a page's own words any more.
            event.returnValue = "";
        }
    });

    messages.addEventListener("click", function (event) {
        const button = event.target.closest("[data-line]");
        if (button) {
            editor.goToLine(Number(button.dataset.line));
        }
    });

    setUpImagePicker();
    if (saveState && storedText === null) {
        saveState.textContent = strings.unsaved;
    }
    editor.showDiagnostics(listedDiagnostics());
    check();

    // "Insert image": the course's uploaded images, one chosen with a description, inserted as
    // ![description](name) where the cursor is; the name is the file's, so the checker finds it.
    function setUpImagePicker() {
        const picker = document.getElementById("image-picker");
        const open = document.getElementById("insert-image");
        if (!picker || !open || typeof picker.showModal !== "function") {
            return;
        }

        const pickerForm = document.getElementById("image-picker-form");
        const status = picker.querySelector("[data-picker-status]");
        const fieldset = picker.querySelector("[data-picker-fieldset]");
        const list = picker.querySelector("[data-picker-list]");
        const describe = picker.querySelector("[data-picker-describe]");
        const insertButton = picker.querySelector("[data-picker-insert]");
        const description = document.getElementById("image-description");
        const problem = document.getElementById("image-description-error");
        open.closest("[data-editor-tools]").hidden = false;

        function showImages(images) {
            list.replaceChildren(...images.map((image, index) => {
                const choice = document.createElement("div");
                choice.className = "form-check image-choice";
                const input = document.createElement("input");
                input.type = "radio";
                input.className = "form-check-input";
                input.name = "picker-image";
                input.id = "picker-image-" + index;
                input.value = image.reference;
                input.checked = index === 0;
                const label = document.createElement("label");
                label.className = "form-check-label";
                label.htmlFor = input.id;
                const thumbnail = document.createElement("img");
                thumbnail.src = image.url;
                // The file name beside it names the choice; the picture only helps to recognise it.
                thumbnail.alt = "";
                label.append(thumbnail, document.createTextNode(image.name));
                choice.append(input, label);
                return choice;
            }));
            const any = images.length > 0;
            fieldset.hidden = describe.hidden = insertButton.hidden = !any;
            status.textContent = any ? "" : strings.noImages;
            if (any) {
                list.querySelector("input").focus();
            }
        }

        open.addEventListener("click", async function () {
            list.replaceChildren();
            fieldset.hidden = describe.hidden = insertButton.hidden = true;
            description.value = "";
            problem.hidden = true;
            description.removeAttribute("aria-invalid");
            status.textContent = strings.loading;
            picker.showModal();
            try {
                const response = await fetch(picker.dataset.imagesUrl, { credentials: "same-origin", headers: { Accept: "application/json" } });
                if (!response.ok) {
                    throw new Error(String(response.status));
                }
                showImages(await response.json());
            } catch {
                status.textContent = strings.loadFailed;
            }
        });

        picker.querySelector("[data-picker-cancel]").addEventListener("click", function () { picker.close(); });

        pickerForm.addEventListener("submit", function (event) {
            event.preventDefault();
            const chosen = list.querySelector("input:checked");
            const words = description.value.replace(/\s+/g, " ").trim();
            if (!chosen) {
                return;
            }
            if (!words) {
                problem.textContent = strings.describe;
                problem.hidden = false;
                description.setAttribute("aria-invalid", "true");
                description.focus();
                return;
            }
            picker.close();
            // Brackets and backslashes in the description would end or escape the Markdown link text.
            editor.insert("![" + words.replace(/[\\[\]]/g, "\\$&") + "](" + chosen.value + ")");
        });
    }
})();
